from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import email_normalise

# Values that every page shows about the logged-in person (the bell's count of unread
# notifications) are read with the person's own row, in the same query: apps above register an
# expression under a name, and `request.user` carries it as an attribute.
_USER_ANNOTATIONS: dict[str, Callable[[], object]] = {}


def register_user_annotation(name: str, expression: Callable[[], object]) -> None:
    """Annotate the session's user with `expression()` (e.g. a Subquery) as `name`."""
    _USER_ANNOTATIONS[name] = expression


class AccountBackend(ModelBackend):
    """Lets the login form see unconfirmed and deactivated accounts, so it can explain what to do,
    while a session of an account that is not (or no longer) active logs nobody in."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        users = get_user_model()._default_manager.all()
        if _USER_ANNOTATIONS:
            users = users.annotate(**{name: make() for name, make in _USER_ANNOTATIONS.items()})
        user = users.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None


LOGIN_BACKEND = f"{AccountBackend.__module__}.{AccountBackend.__qualname__}"


def axes_username(request, credentials=None) -> str:
    """The address that django-axes counts failed logins for, in the spelling Gilde stores, so
    typing it in another case does not start a fresh count. Cut to 254 characters (the longest
    e-mail address there is): axes keeps it in a column of 255, and a longer one typed into the
    login form must give "no match", not a database error."""
    if credentials:
        username = credentials.get("username", "")
    else:
        username = getattr(request, "POST", {}).get("username", "")
    return email_normalise(username or "")[:254]

from django.contrib.auth.backends import ModelBackend

from .models import email_normalise


class AccountBackend(ModelBackend):
    """Lets the login form see unconfirmed and deactivated accounts, so it can explain what to do,
    while a session of an account that is not (or no longer) active logs nobody in."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


LOGIN_BACKEND = f"{AccountBackend.__module__}.{AccountBackend.__qualname__}"


def axes_username(request, credentials=None) -> str:
    """The address that django-axes counts failed logins for, in the spelling Gilde stores, so
    typing it in another case does not start a fresh count."""
    if credentials:
        username = credentials.get("username", "")
    else:
        username = getattr(request, "POST", {}).get("username", "")
    return email_normalise(username or "")

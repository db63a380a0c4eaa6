"""Who is calling the API: a personal access token (`Authorization: Bearer gilde_…`), or the
browser's session (with Django's CSRF check for writes). Each request counts against a limit per
token (or per person, for the session), kept in the database so every process shares it."""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from gilde.accounts.models import TokenScope
from gilde.accounts.services import api_token_find, api_token_touch
from gilde.core.api import ApiError
from gilde.core.throttle import throttle_hit

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _throttle(scope: str, value: str) -> None:
    if not throttle_hit(scope=scope, value=value):
        raise ApiError(
            429, "throttled", _("Too many requests with this token. Please wait a while.")
        )


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = api_token_find(token.strip())
        if found is None:
            raise ApiError(401, "invalid_token", _("This token is not known."))
        if found.revoked_at is not None:
            raise ApiError(401, "revoked_token", _("This token was revoked."))
        if not found.is_usable:
            raise ApiError(401, "expired_token", _("This token has expired."))
        if not found.user.is_active or found.user.erased_at is not None:
            raise ApiError(401, "inactive_account", _("The account of this token is not active."))
        if request.method not in SAFE_METHODS and found.scope != TokenScope.WRITE:
            raise ApiError(403, "read_only_token", _("This token may only read."))
        _throttle("api:token", str(found.pk))
        api_token_touch(found)
        request.user = found.user
        return found


class BrowserSession(SessionAuth):
    """The logged-in browser, e.g. the interactive documentation."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # The CSRF check reads a form body through request.POST; reading the raw body first keeps
        # it for the operation, which parses it again (a form body is not JSON: a 422 follows).
        request.body  # noqa: B018
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        _throttle("api:session", str(user.pk))
        return user

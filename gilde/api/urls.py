"""/api/v1/: the REST API, put together from the routers the apps registered (gilde.core.api).
The OpenAPI document is at /api/v1/openapi.json, the interactive documentation at /api/v1/docs
(Swagger UI served from Gilde's own static files: no request leaves the installation)."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger

from gilde.core.api import ApiError, api_routers

from .auth import BrowserSession, TokenAuth

DESCRIPTION = """Gilde's data for your own dashboards and tools. Every answer follows the same
rules as the pages: you see what your role in a CoP lets you see, and nothing of a CoP you are not
a member of (its ids answer 404). Evaluation results come as averages and counts, only after the
evaluation closed and only from five participants' answers.

Authenticate with a personal access token from your profile page: `Authorization: Bearer
gilde_…`. A read token may only read. Lists take `cursor` and `limit` (1–100) and answer
`{"items": [...], "next_cursor": ...}`. Errors answer `{"error": {"code", "message", "details"}}`.
"""


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Gilde API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[TokenAuth(), BrowserSession()],
        docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    )

    def error(request, status: int, code: str, message: str, details=None):
        return api.create_response(
            request,
            {"error": {"code": code, "message": str(message), "details": details or []}},
            status=status,
        )

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return error(request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error(
            request,
            401,
            "unauthenticated",
            _("Log in, or send a personal access token: Authorization: Bearer gilde_…"),
        )

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        details = [
            {"loc": [str(part) for part in item.get("loc", [])], "msg": str(item.get("msg", ""))}
            for item in exc.errors
        ]
        return error(request, 422, "invalid", _("The request is not valid."), details)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        code = "csrf_failed" if exc.status_code == 403 else "bad_request"
        return error(request, exc.status_code, code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(request, 404, "not_found", _("There is nothing at this address."))

    for router in api_routers():
        api.add_router("", router)
    return api


api = build_api()

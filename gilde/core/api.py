"""What the REST API (`gilde/api/`, under /api/v1/) is built from, for every app to use.

The API sits above the step apps and knows none of them. Each app declares its resources in its
own `<app>/api.py`, imported from its `AppConfig.ready()`:

    router = Router(tags=["meetings"])

    @router.get("/cops/{slug}/meetings", response={200: MeetingPage, **ERRORS})
    def meetings(request, slug: str, cursor: str | None = None, limit: int = 50): ...

    register_api_router(router, order=40)

The contract:
- Paths are absolute below /api/v1/ and nest under `/cops/{slug}/` for anything inside a CoP. The
  view resolves the CoP with `gilde.communities.api.api_access(request, slug, Action.X,
  names_object=...)`, which answers exactly as the pages do (404 for an outsider of a closed CoP
  or for any object inside a CoP they are not a member of, 403 for a member without the right,
  403 for a write to an archived CoP), and starts every query from `access.community`.
- Authentication, the token's scope (read tokens may only read) and throttling happen before the
  view, in `gilde/api/`. `request.user` is the person; `request.auth` their token or None.
- Errors are raised as `ApiError(status, code, message)`; every error the API returns has the
  body `{"error": {"code": ..., "message": ..., "details": [...]}}` (`ErrorOut`), and each
  operation declares `**ERRORS` in its `response=` mapping so the OpenAPI document says so.
- Lists that grow use `cursor_page` (opaque cursors, `limit` 1–100) and return `{"items": [...],
  "next_cursor": ...}`.
- Writes call the app's services, like the views do; their input is a `Schema`, validated by
  ninja (a body that is not JSON, or not the right shape, is a 422 with the error body).
- Evaluation content comes only through `gilde/meetings/selectors/evaluation_gate.py`.
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from ninja import Router, Schema

_ROUTERS: list[tuple[int, Router]] = []


def register_api_router(router: Router, *, order: int = 100) -> Router:
    """Add an app's router to the API; `order` places its operations in the document."""
    if all(registered is not router for _order, registered in _ROUTERS):
        _ROUTERS.append((order, router))
        _ROUTERS.sort(key=lambda pair: pair[0])
    return router


def api_routers() -> list[Router]:
    return [router for _order, router in _ROUTERS]


class ApiError(Exception):
    """An answer other than success, with a stable `code` for programs and a `message` for
    people."""

    def __init__(self, status: int, code: str, message: str, details: list | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = str(message)
        self.details = details or []


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict] = []


class ErrorOut(Schema):
    error: ErrorBody


# Every operation may answer with these; declare them with `response={200: X, **ERRORS}`.
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}

MAX_LIMIT = 100


def _encode(values: Sequence) -> str:
    plain = [value.isoformat() if isinstance(value, date | datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeError) as error:
        raise ApiError(400, "bad_cursor", "This cursor is not one the API gave out.") from error
    if not isinstance(values, list) or len(values) != size:
        raise ApiError(400, "bad_cursor", "This cursor is not one the API gave out.")
    if not all(isinstance(value, str | int) and not isinstance(value, bool) for value in values):
        raise ApiError(400, "bad_cursor", "This cursor is not one the API gave out.")
    return values


def cursor_page(
    queryset: QuerySet,
    *,
    cursor: str | None,
    limit: int,
    keys: Sequence[str] = ("pk",),
    parse: Sequence[Callable[[Any], object]] | None = None,
) -> tuple[list, str | None]:
    """One page of `queryset` in ascending order of `keys` (unique together; end with "pk"),
    starting after `cursor`. Returns the rows and the cursor of the next page (None at the end).
    `parse` turns each decoded key value back into a Python value (e.g. `datetime.fromisoformat`).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {MAX_LIMIT}.")
    queryset = queryset.order_by(*keys)
    if cursor:
        raw = _decode(cursor, len(keys))
        try:
            values = [
                (parse[index] if parse else (lambda value: value))(value)
                for index, value in enumerate(raw)
            ]
        except (TypeError, ValueError) as error:
            raise ApiError(400, "bad_cursor", "This cursor is not one the API gave out.") from error
        after = Q()
        for index, key in enumerate(keys):
            step = Q(**{f"{key}__gt": values[index]})
            for previous in range(index):
                step &= Q(**{keys[previous]: values[previous]})
            after |= step
        queryset = queryset.filter(after)
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode([getattr(last, key) for key in keys])
    return rows, next_cursor

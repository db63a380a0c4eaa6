"""Writes for notifications: `notify` (used by every app that tells a person something) and
marking them read or unread."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.functional import Promise

from .kinds import registered_kinds
from .models import Notification


def _storable(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)


def notify(
    *,
    user,
    kind: str,
    key: str,
    community=None,
    community_id: int | None = None,
    url: str = "",
    **params,
) -> Notification | None:
    """Tell `user` something inside Gilde, once per `key`: writing the same key again does
    nothing (a task that runs twice, a request retried). `params` fill the kind's sentence;
    dates and moments are stored as ISO text and worded when shown. Returns the new
    notification, or None when it existed already or the account is inactive.

    Safe inside a transaction: it uses a savepoint, so a concurrent duplicate does not break the
    caller's transaction."""
    if kind not in registered_kinds():
        raise ValueError(f"Unknown notification kind {kind!r}")
    if user is None or not user.is_active:
        return None
    if not url.startswith("/") or url.startswith("//"):
        url = ""
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                user=user,
                key=key[:200],
                defaults={
                    "community_id": community.pk if community is not None else community_id,
                    "kind": kind,
                    "url": url[:500],
                    "params": {name: _storable(value) for name, value in params.items()},
                },
            )
    except IntegrityError:
        return None
    return notification if created else None


def notifications_mark(*, user, read: bool, ids: list[int] | None = None) -> int:
    """Mark `user`'s notifications (those in `ids`, or all) as read or unread; how many changed.
    Only the person's own rows can change: the query starts from them."""
    rows = Notification.objects.filter(user=user, read=not read)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read=read)

"""How long a CoP's data is kept: read-only from its end date, deleted `retention_months` later.

`retention_apply` is the periodic job (the worker's clock queues `retention_run` every ten
minutes; `gilde retention` runs it by hand). It is idempotent: each warning is sent once (the
CoP's `archive_warned_at` / `purge_warned_at` say it went), archiving and purging happen once.

1. A month before the end date, the initiators are told the CoP turns read-only, and when it
   will be deleted.
2. From the end date the CoP is archived: every write is refused (`community_view`, and the
   API's `api_access`), except its settings (to keep the data longer) and leaving it.
3. A month before the purge date the initiators are warned again.
4. On the purge date the CoP and everything in it is deleted. Its own audit log goes with it, so
   the installation log (`InstallationLogEntry`) records what was removed.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.core.audit import audit_log
from gilde.core.dates import add_months
from gilde.core.mail import queue_templated_mail
from gilde.core.models import InstallationLogEntry

from .models import Community, Role

WARN_BEFORE_MONTHS = 1


class RetentionError(Exception):
    """A purge the rules do not allow; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _warn(community: Community, template: str) -> None:
    initiators = community.memberships.filter(
        role=Role.INITIATOR, user__is_active=True
    ).select_related("user")
    for membership in initiators:
        queue_templated_mail(
            template=f"communities/email/{template}",
            to=membership.user.email,
            language=membership.user.language,
            context={"community": community},
        )


@transaction.atomic
def community_archive(*, community: Community, now: datetime | None = None) -> bool:
    """Make the CoP read-only; False when it was already."""
    now = now or timezone.now()
    updated = Community.objects.filter(pk=community.pk, archived_at__isnull=True).update(
        archived_at=now
    )
    if updated:
        community.archived_at = now
        audit_log(community=community, actor=None, action="community.archived")
    return bool(updated)


def community_purge(*, community: Community, now: datetime | None = None) -> dict:
    """Delete the CoP and everything in it, once its retention period is over; returns what was
    removed (rows per kind). Raises `RetentionError` for a CoP whose time has not come."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if today < community.purge_date:
        raise RetentionError(
            str(
                _(
                    "%(name)s is kept until %(date)s (its end date plus the retention period); "
                    "it cannot be purged before then."
                )
                % {"name": community.name, "date": community.purge_date.isoformat()}
            )
        )
    with transaction.atomic():
        summary = {
            "slug": community.slug,
            "name": community.name,
            "end_date": community.end_date.isoformat(),
            "retention_months": community.retention_months,
        }
        _total, removed = community.delete()
        summary["removed"] = dict(sorted(removed.items()))
        InstallationLogEntry.objects.create(created_at=now, action="community.purged", data=summary)
    return summary


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """Warn, archive and purge every CoP whose moment has come (see the module's docstring)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"archive_warnings": 0, "archived": 0, "purge_warnings": 0, "purged": 0}
    for community in Community.objects.order_by("pk"):
        end, purge = community.end_date, community.purge_date
        if today >= purge:
            community_purge(community=community, now=now)
            counts["purged"] += 1
            continue
        with transaction.atomic():
            if today >= end and community.archived_at is None:
                counts["archived"] += community_archive(community=community, now=now)
            archive_warning = add_months(end, -WARN_BEFORE_MONTHS)
            if archive_warning <= today < end and community.archive_warned_at is None:
                _warn(community, "retention_archive")
                Community.objects.filter(pk=community.pk).update(archive_warned_at=now)
                counts["archive_warnings"] += 1
            purge_warning = add_months(purge, -WARN_BEFORE_MONTHS)
            if today >= purge_warning and community.purge_warned_at is None:
                _warn(community, "retention_purge")
                Community.objects.filter(pk=community.pk).update(purge_warned_at=now)
                counts["purge_warnings"] += 1
    return counts


def retention_window(community: Community) -> tuple:
    """(archive warning, end, purge warning, purge) as dates, for pages that explain it."""
    end, purge = community.end_date, community.purge_date
    return (
        add_months(end, -WARN_BEFORE_MONTHS),
        end,
        add_months(purge, -WARN_BEFORE_MONTHS),
        purge,
    )

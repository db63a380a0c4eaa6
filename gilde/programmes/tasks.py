"""The worker computes each member CoP's figures when its data changed, and stores them per
month: the overview only reads them.

A CoP's revision (gilde/communities/revision.py) rises with every write to its data; a stored row
remembers the revision it was computed at. `programme_figures_refresh` runs on every tick of the
worker's clock (gilde/core/periodic.py) and recomputes the CoPs of any programme whose latest row
is missing, from an earlier month, or from an older revision; accepting an invitation queues the
CoP's first computation at once. Both are safe to run twice: a row per CoP and month.

The programme report is made here too, on request (gilde/programmes/report.py).
"""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from gilde.communities.models import Community
from gilde.communities.programme_figures import figures_compute
from gilde.core.document_jobs import job_build

from .models import CopFigures, LinkStatus, ProgrammeCop, ProgrammeReport

logger = logging.getLogger(__name__)


def current_period(today=None) -> str:
    today = today or timezone.localdate()
    return f"{today.year:04d}-{today.month:02d}"


def cop_figures_store(community: Community, today=None) -> CopFigures:
    """Compute `community`'s figures now and store them as this month's, marked latest."""
    today = today or timezone.localdate()
    period = current_period(today)
    revision = community.revision
    figures = figures_compute(community, today)
    # A text the group wrote is kept only while a programme may read it.
    if not ProgrammeCop.objects.filter(
        community=community, status=LinkStatus.MEMBER, share_reflection=True
    ).exists():
        figures.pop("reflection", None)
    with transaction.atomic():
        CopFigures.objects.filter(community=community, latest=True).exclude(period=period).update(
            latest=False
        )
        row, _created = CopFigures.objects.update_or_create(
            community=community,
            period=period,
            defaults={
                "revision": revision,
                "figures": figures,
                "computed_at": timezone.now(),
                "latest": True,
            },
        )
    return row


def stale_communities(today=None):
    """CoPs in a programme whose latest figures are missing, of an earlier month or revision."""
    fresh = CopFigures.objects.filter(
        community=OuterRef("pk"),
        latest=True,
        period=current_period(today),
        revision=OuterRef("revision"),
    )
    linked = ProgrammeCop.objects.filter(community=OuterRef("pk"), status=LinkStatus.MEMBER)
    return Community.objects.filter(Exists(linked)).exclude(Exists(fresh))


def cop_figures_update(community: Community) -> None:
    """Store the CoP's figures while it is in a programme; once it is in none, forget them."""
    if ProgrammeCop.objects.filter(community=community, status=LinkStatus.MEMBER).exists():
        cop_figures_store(community)
    else:
        CopFigures.objects.filter(community=community).delete()


@task()
def cop_figures_compute(community_id: int) -> None:
    community = Community.objects.filter(pk=community_id).first()
    if community is not None:
        cop_figures_update(community)


@task()
def programme_figures_refresh() -> int:
    count = 0
    for community in stale_communities():
        try:
            cop_figures_store(community)
            count += 1
        except Exception:  # one CoP's failure must not stop the others
            logger.exception("Computing the programme figures of CoP %s failed", community.pk)
    return count


def programme_report_build(report_id: int) -> str:
    """Make the files of a queued programme report; returns the resulting status."""
    from .report import fingerprint, programme_document  # the report module renders documents

    def make(report: ProgrammeReport):
        revision = fingerprint(report.programme)
        return programme_document(report), revision

    return job_build(ProgrammeReport, report_id, make)


@task()
def programme_report_generate(report_id: int) -> str:
    return programme_report_build(report_id)

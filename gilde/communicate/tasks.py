"""Background work for step 8: making a report's files (queued by `services.report_request`,
claimed and made once through gilde.core.document_jobs) and the reminders of the communication
plan (on the worker's clock, through gilde.core.periodic).

The files are saved with the CoP's revision read before making them: a change meanwhile leaves the
report not current, and the next request makes it again.
"""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from gilde.communities.models import Community
from gilde.communities.preferences import wants_each_mail
from gilde.core.document_jobs import job_build
from gilde.core.mail import send_templated_mail

from .document import report_document
from .models import PlanItem, PlanStatus, Report

logger = logging.getLogger(__name__)


def report_build(report_id: int) -> str:
    """Make the files of a queued report; returns the resulting status."""

    def make(report: Report):
        community = Community.objects.get(pk=report.community_id)
        revision = community.revision
        return report_document(report, community), revision

    return job_build(Report, report_id, make)


@task()
def report_generate(report_id: int) -> str:
    return report_build(report_id)


def send_plan_reminders(today) -> int:
    """On a plan line's moment (or after it, once), remind whoever does it."""
    items = (
        PlanItem.objects.filter(status=PlanStatus.PLANNED, moment__lte=today, owner__isnull=False)
        .exclude(reminded_for__isnull=False)
        .select_related("community", "owner__user")
    )
    sent = 0
    for item in items:
        # Claim it first: a second worker on the same tick finds it claimed and sends nothing.
        with transaction.atomic():
            claimed = PlanItem.objects.filter(pk=item.pk, reminded_for__isnull=True).update(
                reminded_for=item.moment
            )
        if not claimed:
            continue
        if item.owner is None:
            continue
        user = item.owner.user
        for recipient in wants_each_mail([user] if user.is_active else []):
            send_templated_mail(
                template="communicate/email/plan_reminder",
                to=recipient.email,
                language=recipient.language,
                context={
                    "user": recipient,
                    "item": item,
                    "community": item.community,
                    "path": reverse("communicate:plan", kwargs={"slug": item.community.slug}),
                },
            )
            sent += 1
    return sent


@task()
def communicate_due() -> dict[str, int]:
    """The periodic job of step 8."""
    counts = {"plan_reminders": send_plan_reminders(timezone.localdate())}
    logger.info("Step 8's periodic work: %s", counts)
    return counts

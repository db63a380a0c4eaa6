"""Background work for step 8: making a report's files (queued by `services.report_request`) and
the reminders of the communication plan (on the worker's clock, through gilde.core.periodic).

A report is made by one worker at a time: the task claims it with a conditional update
(queued → running), so a second task for the same report finds nothing to do; a report left
"running" by a worker that died is claimed again once it is stale. The files are
saved with the CoP's revision read before making them: a change meanwhile leaves the report not
current, and the next request makes it again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gilde.communities.models import Community
from gilde.communities.preferences import wants_each_mail
from gilde.core.mail import send_templated_mail

from .document import report_document
from .models import PlanItem, PlanStatus, Report, ReportStatus
from .rendering import report_files

logger = logging.getLogger(__name__)


def stale_running() -> Q:
    """A report still "being made" long after it was claimed lost its worker (gilde.core.queue
    runs such tasks again): it may be claimed, and asked for, once more."""
    limit = timezone.now() - timedelta(seconds=settings.GILDE_TASK_STALE_SECONDS)
    return Q(status=ReportStatus.RUNNING, queued_at__lt=limit)


def report_build(report_id: int) -> str:
    """Make the files of a queued report; returns the resulting status."""
    claimed = (
        Report.objects.filter(pk=report_id)
        .filter(Q(status=ReportStatus.QUEUED) | stale_running())
        .update(status=ReportStatus.RUNNING, progress=5, queued_at=timezone.now())
    )
    if not claimed:
        return "gone"
    report = Report.objects.select_related("organisation").get(pk=report_id)
    community = Community.objects.get(pk=report.community_id)
    revision = community.revision

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report_id).update(progress=percent)

    with translation.override(report.language or None):
        try:
            document = report_document(report, community)
            progress(10)
            pdf, docx, markdown = report_files(document, progress)
        except Exception as error:
            logger.exception("Report %s could not be made", report_id)
            Report.objects.filter(pk=report_id).update(
                status=ReportStatus.FAILED, error=type(error).__name__[:300], progress=0
            )
            return ReportStatus.FAILED
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        status=ReportStatus.READY,
        progress=100,
        pdf=pdf,
        docx=docx,
        markdown=markdown,
        built_revision=revision,
        built_at=timezone.now(),
    )
    return ReportStatus.READY


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

"""Step 7's e-mails, sent by the worker: after a meeting, "what do you take with you?"; halfway
through an experiment, a check-in reminder to its owner and their buddies.

`send_learning_prompts` is registered as a periodic task (gilde.core.periodic) and queued by
`gilde worker` every ten minutes. Every e-mail has a key stored before it is sent, so a job that
runs twice, or two workers at once, send it once. Each person's e-mail choice (kept by meetings)
counts: only those who want each e-mail get these.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from gilde.communities.calendar import absent_membership_ids, meetings_ended_between
from gilde.communities.models import Community, Membership
from gilde.communities.preferences import wants_each_mail
from gilde.core.mail import send_templated_mail

from .models import OPEN_STATUSES, Entry, Experiment, LearningNotification, tiers_from
from .selectors import PROMPT_WINDOW, RECORD_ROLES, buddies_of

logger = logging.getLogger(__name__)

# A prompt goes out for meetings that ended at most this long ago (a worker that was down for a
# while still catches up; later than this the question comes too late).
PROMPT_CATCH_UP = timedelta(days=2)


def _send_once(*, key: str, user, template: str, context: dict) -> bool:
    with transaction.atomic():
        _, created = LearningNotification.objects.get_or_create(key=key)
    if not created:
        return False
    try:
        send_templated_mail(
            template=f"learning/email/{template}",
            to=user.email,
            language=user.language,
            context={**context, "user": user},
        )
    except Exception:
        LearningNotification.objects.filter(key=key).delete()
        raise
    return True


def _wants_mail(user) -> bool:
    return user.is_active and bool(wants_each_mail([user]))


def _send_meeting_prompts(now) -> int:
    sent = 0
    for meeting in meetings_ended_between(now - PROMPT_CATCH_UP, now):
        community = Community.objects.filter(pk=meeting.community_id).first()
        if community is None:
            continue
        absent = absent_membership_ids(meeting.id)
        written = set(
            Entry.objects.filter(meeting_id=meeting.id, kind="highlight").values_list(
                "membership_id", flat=True
            )
        )
        path = reverse("meetings:detail", kwargs={"slug": community.slug, "pk": meeting.id})
        members = community.memberships.filter(role__in=RECORD_ROLES).select_related("user")
        for membership in members:
            if membership.pk in absent or membership.pk in written:
                continue
            if not _wants_mail(membership.user):
                continue
            sent += _send_once(
                key=f"learning-prompt:{meeting.id}:{membership.user_id}",
                user=membership.user,
                template="meeting_prompt",
                context={"community": community, "meeting": meeting, "path": path + "#takeaway"},
            )
    return sent


def _send_checkin_reminders(now) -> int:
    today = timezone.localdate(now)
    sent = 0
    due = (
        Experiment.objects.filter(
            status__in=OPEN_STATUSES, checked_in_at__isnull=True, due_on__gte=today
        )
        .select_related("community", "membership__user", "membership__community")
        .order_by("pk")
    )
    for experiment in due:
        if experiment.midway > today:
            continue
        community = experiment.community
        path = reverse(
            "learning:experiment", kwargs={"slug": community.slug, "experiment": experiment.pk}
        )
        owner = experiment.membership
        recipients: list[Membership] = [owner]
        # Buddies hear about it together, when the experiment is shared with them.
        if experiment.tier in tiers_from("buddy"):
            recipients += buddies_of(owner, today)
        for membership in recipients:
            if not _wants_mail(membership.user):
                continue
            sent += _send_once(
                key=f"learning-checkin:{experiment.pk}:{membership.user_id}",
                user=membership.user,
                template="checkin_reminder",
                context={
                    "community": community,
                    "experiment": experiment,
                    "owner": owner.user,
                    "is_owner": membership.pk == owner.pk,
                    "path": path,
                },
            )
    return sent


@task()
def send_learning_prompts() -> dict[str, int]:
    """The periodic job of step 7. Safe to run as often as you like."""
    now = timezone.now()
    counts = {
        "meeting_prompts": _send_meeting_prompts(now),
        "checkin_reminders": _send_checkin_reminders(now),
    }
    logger.info("Learning e-mails sent: %s", counts)
    return counts


__all__ = ["PROMPT_WINDOW", "send_learning_prompts"]

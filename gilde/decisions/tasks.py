"""Background work for step 5, queued by `gilde worker`'s clock every ten minutes (registered in
apps.py through gilde.core.periodic): close polls whose moment has come, remind those who have
not voted a day before a poll closes, and remind people asked for feedback after a week.

Safe to run as often as you like, and in two workers at once: closing is a conditional update
(services.poll_close), and each e-mail has a key stored before it is sent (DecisionNotice), so
nobody hears anything twice.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from gilde.communities.preferences import wants_each_mail
from gilde.core.mail import send_templated_mail

from .mailing import poll_path
from .models import REMIND_BEFORE, DecisionNotice, FeedbackInvite, Poll
from .selectors.polls import voters_with_status
from .services.polls import poll_close

logger = logging.getLogger(__name__)

FEEDBACK_REMINDER_AFTER = timedelta(days=7)


def _send_once(*, key: str, user, template: str, context: dict) -> bool:
    """Send one e-mail unless its key exists; the key is committed first, so no transaction is
    held while the mail server is slow, and a failed send deletes it again for a retry."""
    with transaction.atomic():
        _notice, created = DecisionNotice.objects.get_or_create(key=key)
    if not created:
        return False
    try:
        send_templated_mail(
            template=f"decisions/email/{template}",
            to=user.email,
            language=user.language,
            context={**context, "user": user},
        )
    except Exception:
        DecisionNotice.objects.filter(key=key).delete()
        raise
    return True


def close_due_polls(now) -> int:
    """Close every poll whose moment has come; each exactly once, whoever else tries too."""
    due = Poll.objects.filter(closed_at__isnull=True, closes_at__lte=now).select_related(
        "community"
    )
    return sum(1 for poll in due if poll_close(poll=poll, now=now))


def send_poll_reminders(now) -> int:
    """A day before a poll closes, remind who may vote and has not."""
    polls = Poll.objects.filter(
        closed_at__isnull=True, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE
    ).select_related("community")
    sent = 0
    for poll in polls:
        waiting = [m.user for m in voters_with_status(poll) if not m.has_voted and m.user.is_active]
        stamp = int(poll.closes_at.timestamp())  # a poll moved to a later moment reminds again
        for user in wants_each_mail(waiting):
            sent += _send_once(
                key=f"poll-reminder:{poll.pk}:{stamp}:{user.pk}",
                user=user,
                template="poll_reminder",
                context={"poll": poll, "community": poll.community, "path": poll_path(poll)},
            )
    return sent


def send_feedback_reminders(now) -> int:
    """A week after someone was asked for feedback and has not written, one reminder."""
    invites = FeedbackInvite.objects.filter(
        answered_at__isnull=True,
        request__closed_at__isnull=True,
        request__created_at__lte=now - FEEDBACK_REMINDER_AFTER,
    ).select_related("request__community", "request__asker__user", "writer__user")
    sent = 0
    for invite in invites:
        users = wants_each_mail([invite.writer.user] if invite.writer.user.is_active else [])
        for user in users:
            request = invite.request
            sent += _send_once(
                key=f"feedback-reminder:{invite.pk}",
                user=user,
                template="feedback_reminder",
                context={
                    "request": request,
                    "asker": request.asker.user,
                    "community": request.community,
                    "path": _feedback_path(request),
                },
            )
    return sent


def _feedback_path(request) -> str:
    return reverse(
        "decisions:feedback_request", kwargs={"slug": request.community.slug, "pk": request.pk}
    )


@task()
def decisions_due() -> dict[str, int]:
    """The periodic job of step 5."""
    now = timezone.now()
    counts = {
        "closed": close_due_polls(now),
        "poll_reminders": send_poll_reminders(now),
        "feedback_reminders": send_feedback_reminders(now),
    }
    logger.info("Step 5's periodic work: %s", counts)
    return counts

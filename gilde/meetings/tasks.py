"""Background work for meetings: the e-mails about them.

Every e-mail has a key (see `notifications.py`). The key is stored in the same transaction as the
decision to send, so a task that runs twice, or two workers that run it at once, send it once.
Services call `notify_meeting_changed` (one meeting changed), `notify_series_scheduled` (a series
planned, perhaps replacing one: one message per person, not one per meeting) and
`notify_evaluation_opened`; they enqueue only after the surrounding transaction commits. Each
e-mail to a person also leaves a notice in their notification centre (`notices.py`), whatever
their e-mail choice, under the e-mail's key. The
time-based e-mails come from `send_due_notifications`, which `gilde worker` enqueues every ten
minutes (and `gilde notify` on demand). The .ics attachments come from `itip.py`.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from gilde.communities.models import Community
from gilde.core.mail import send_templated_mail
from gilde.notifications.services import notify

from . import notifications as n
from .itip import ICS_MIMETYPE, cancelled_meeting, deleted_snapshot, meeting_ics, meetings_ics
from .models import Meeting, MeetingStatus, NotificationMode, SentNotification
from .notices import meeting_notice

logger = logging.getLogger(__name__)


# Hooks for services


def notify_meeting_changed(meeting: Meeting) -> None:
    """Send the invitation (or update, or cancellation) with the meeting's .ics once the current
    transaction commits. Call it after a change that raised `meeting.sequence`."""
    meeting_id = meeting.pk
    transaction.on_commit(lambda: send_meeting_invitations.enqueue(meeting_id))


def notify_meeting_deleted(meeting: Meeting) -> None:
    """Call before deleting a meeting that may sit in people's calendars: once the deletion
    commits, attendees get a cancellation that removes it."""
    snapshot = deleted_snapshot(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return  # its cancellation went out already
    transaction.on_commit(lambda: send_deleted_meeting_cancellations.enqueue(snapshot))


def notify_series_scheduled(*, community_id: int, meetings, replaced) -> None:
    """Call when a series is planned: `meetings` are its new meetings, `replaced` the planned
    meetings it deleted (as they were read before). Once the transaction commits, each attendee
    gets one message: one .ics that puts the whole series in their calendar and, when a series
    was replaced, one that takes the old meetings out."""
    meeting_ids = [meeting.pk for meeting in meetings]
    snapshots = [
        deleted_snapshot(meeting)
        for meeting in replaced
        if meeting.status != MeetingStatus.CANCELLED
    ]
    transaction.on_commit(
        lambda: send_series_invitations.enqueue(community_id, meeting_ids, snapshots)
    )


def notify_evaluation_opened(meeting: Meeting) -> None:
    """Ask the attendees for their evaluation once the current transaction commits; for a
    facilitator opening it early (at the meeting's end the periodic job does this)."""
    meeting_id = meeting.pk
    transaction.on_commit(lambda: send_evaluation_requests.enqueue(meeting_id))


# Sending


def _send_once(
    *, key: str, user, template: str, context: dict, attachments: list | None = None
) -> bool:
    """Send one e-mail unless its key exists. The key is committed before sending, so no
    transaction (nor SQLite's write lock) is held while the mail server is slow; a failed send
    deletes the key again, so a retry sends it."""
    with transaction.atomic():
        _, created = SentNotification.objects.get_or_create(key=key)
    if not created:
        return False
    try:
        send_templated_mail(
            template=f"meetings/email/{template}",
            to=user.email,
            language=user.language,
            context={**context, "user": user},
            attachments=attachments,
        )
    except Exception:
        SentNotification.objects.filter(key=key).delete()
        raise
    return True


def _meeting_context(meeting: Meeting, page: str = "meetings:detail") -> dict:
    return {
        "meeting": meeting,
        "community": meeting.community,
        "path": n.meeting_path(meeting, page),
    }


def _wants_each(user) -> bool:
    return n.preference_mode(user) == NotificationMode.EACH


@task()
def send_meeting_invitations(meeting_id: int) -> int:
    """(a) The invitation, update or cancellation, with the .ics, to everyone who attends."""
    meeting = Meeting.objects.select_related("community").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return _send_invitations(meeting)


@task()
def send_deleted_meeting_cancellations(snapshot: dict) -> int:
    """(a) for a meeting that no longer exists: a cancellation built from what it was."""
    return _send_invitations(cancelled_meeting(snapshot))


@task()
def send_series_invitations(community_id: int, meeting_ids: list, cancelled: list) -> int:
    """(a) for a planned series: one message per attendee with the whole series in one .ics
    (METHOD:REQUEST, a VEVENT per meeting) and, for a replaced series, the old meetings in a
    second one (METHOD:CANCEL). Meetings already over are left out."""
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        return 0
    now = timezone.now()
    planned = list(community.meetings.filter(pk__in=meeting_ids).order_by("starts_at", "pk"))
    replaced = sorted(map(cancelled_meeting, cancelled), key=lambda m: (m.starts_at, m.pk))
    uids = [meeting.uid for meeting in [*planned, *replaced]]
    # A meeting cancelled since sent its own cancellation; past ones need no calendar entry.
    meetings = [m for m in planned if m.status != MeetingStatus.CANCELLED and m.ends_at >= now]
    gone = [m for m in replaced if m.ends_at >= now]
    if not meetings and not gone:
        return 0
    context = {
        "community": community,
        "meetings": meetings,
        "cancelled": gone,
        "path": reverse("meetings:calendar", kwargs={"slug": community.slug}),
    }
    sent = 0
    for user in n.community_attendees(community_id):
        key = n.series_key(community_id, uids, user)
        if meetings:
            notify(
                user=user,
                kind="meetings.series",
                key=key,
                community=community,
                url=str(context["path"]),
                count=len(meetings),
            )
        if not _wants_each(user):
            continue  # digest readers see the week's meetings in their digest
        attachments = []
        if meetings:
            ics = meetings_ics(meetings, method="REQUEST", attendee=user)
            attachments.append(("meetings.ics", ics, ICS_MIMETYPE))
        if gone:
            ics = meetings_ics(gone, method="CANCEL", attendee=user)
            attachments.append(("cancelled.ics", ics, ICS_MIMETYPE))
        sent += _send_once(
            key=key,
            user=user,
            template="meeting_series",
            context=context,
            attachments=attachments,
        )
    return sent


def _calendar_path(meeting: Meeting) -> str:
    community = Community.objects.filter(pk=meeting.community_id).only("slug").first()
    if community is None:
        return ""
    return reverse("meetings:calendar", kwargs={"slug": community.slug})


def _send_invitations(meeting: Meeting) -> int:
    if meeting.ends_at < timezone.now():
        return 0  # nothing to put in (or take out of) anyone's calendar any more
    cancelled = meeting.status == MeetingStatus.CANCELLED
    method = "CANCEL" if cancelled else "REQUEST"
    context = {
        **_meeting_context(meeting),
        "cancelled": cancelled,
        "changed": meeting.sequence > 0,
    }
    kind = (
        "meeting.cancelled"
        if cancelled
        else "meeting.changed"
        if context["changed"]
        else "meeting.invited"
    )
    # A deleted meeting has no page any more: its notice points to the calendar.
    exists = Meeting.objects.filter(pk=meeting.pk).exists()
    path = context["path"] if exists else _calendar_path(meeting)
    sent = 0
    for user in n.meeting_attendees(meeting):
        key = n.invitation_key(meeting, user)
        meeting_notice(user=user, meeting=meeting, kind=kind, key=key, path=path)
        if not _wants_each(user):
            continue  # digest readers see the week's meetings in their digest
        sent += _send_once(
            key=key,
            user=user,
            template="meeting_invitation",
            context=context,
            attachments=[
                ("meeting.ics", meeting_ics(meeting, method=method, attendee=user), ICS_MIMETYPE)
            ],
        )
    return sent


@task()
def send_evaluation_requests(meeting_id: int) -> int:
    """(c) Ask the attendees to fill in the evaluation, once it is open."""
    meeting = Meeting.objects.select_related("community").filter(pk=meeting_id).first()
    if meeting is None or not meeting.evaluation_is_open():
        return 0
    return _send_evaluation_requests(meeting)


def _send_evaluation_requests(meeting: Meeting) -> int:
    context = {
        **_meeting_context(meeting, "meetings:evaluate"),
        "closes_at": meeting.evaluation_closes_at,
    }
    sent = 0
    for user in n.evaluation_recipients(meeting):
        key = n.evaluation_key(meeting, user)
        meeting_notice(
            user=user,
            meeting=meeting,
            kind="evaluation.requested",
            key=key,
            path=context["path"],
            closes=meeting.evaluation_closes_at,
        )
        if _wants_each(user):
            sent += _send_once(
                key=key,
                user=user,
                template="evaluation_request",
                context=context,
            )
    return sent


def _send_reminders(meeting: Meeting) -> int:
    """(b) A reminder two days before, with the .ics again."""
    context = _meeting_context(meeting)
    sent = 0
    for user in n.meeting_attendees(meeting):
        key = n.reminder_key(meeting, user)
        meeting_notice(
            user=user, meeting=meeting, kind="meeting.reminder", key=key, path=context["path"]
        )
        if not _wants_each(user):
            continue
        ics = meeting_ics(meeting, method="REQUEST", attendee=user)
        sent += _send_once(
            key=key,
            user=user,
            template="meeting_reminder",
            context=context,
            attachments=[("meeting.ics", ics, ICS_MIMETYPE)],
        )
    return sent


def _send_prepare_reminders(meeting: Meeting) -> int:
    """(d) A week before, the facilitators are reminded to prepare."""
    context = _meeting_context(meeting, "meetings:prepare")
    sent = 0
    for user in n.meeting_facilitators(meeting):
        key = n.prepare_key(meeting, user)
        meeting_notice(
            user=user, meeting=meeting, kind="meeting.prepare", key=key, path=context["path"]
        )
        if _wants_each(user):
            sent += _send_once(
                key=key,
                user=user,
                template="prepare_reminder",
                context=context,
            )
    return sent


def _send_digests(now: datetime) -> int:
    sent = 0
    for user in n.digest_users():
        digest = n.digest_for(user, now)
        if not digest:
            continue  # nothing this week (yet): a later run this Monday may still find something
        sent += _send_once(
            key=n.digest_key(digest.week_start.date(), user),
            user=user,
            template="weekly_digest",
            context={
                "digest": digest,
                "meetings": [(m, n.meeting_path(m)) for m in digest.meetings],
                "evaluations": [
                    (m, n.meeting_path(m, "meetings:evaluate")) for m in digest.evaluations
                ],
                "preparations": [
                    (m, n.meeting_path(m, "meetings:prepare")) for m in digest.preparations
                ],
            },
        )
    return sent


@task()
def send_weekly_digests() -> int:
    """The weekly digest for those who chose it: at most one per person per ISO week."""
    return _send_digests(timezone.now())


@task()
def send_due_notifications() -> dict[str, int]:
    """The periodic job: reminders, evaluation requests at the meeting's end, preparation
    reminders and, on Monday mornings, the digests. Safe to run as often as you like."""
    now = timezone.now()
    counts = {
        "reminders": sum(_send_reminders(m) for m in n.meetings_to_remind(now)),
        "evaluations": sum(
            _send_evaluation_requests(m) for m in n.meetings_with_new_evaluation(now)
        ),
        "preparations": sum(_send_prepare_reminders(m) for m in n.meetings_to_prepare(now)),
        "digests": _send_digests(now) if n.digest_due(now) else 0,
    }
    logger.info("Meeting e-mails sent: %s", counts)
    return counts

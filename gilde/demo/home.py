"""The demo's part for the home and the notification centre: a request for comments waiting for
the participant, an agenda template, and the notices the meetings' e-mails would have left."""

from datetime import datetime

from django.urls import reverse

from gilde.communities.models import Community, Role
from gilde.meetings import services as meeting_services
from gilde.meetings.models import MeetingStatus
from gilde.meetings.notices import meeting_notice
from gilde.meetings.notifications import evaluation_key, invitation_key, meeting_path
from gilde.notifications.models import Notification
from gilde.notifications.services import notify
from gilde.question.models import CommentRequest

ASKER = "facilitator@example.org"
ASKED = ["deelnemer@example.org"]


def load_home(*, community: Community, users: dict, now: datetime) -> None:
    """Once per CoP: a CoP with requests for comments or agenda templates is left as it is."""
    if (
        CommentRequest.objects.filter(community=community).exists()
        or community.agenda_templates.exists()
    ):
        return
    asker = users.get(ASKER)
    asked = list(
        community.memberships.filter(
            user__email__in=[users[email].email for email in ASKED if email in users],
            role=Role.PARTICIPANT,
        ).select_related("user")
    )
    version = community.question_versions.order_by("-number").first()
    if asker is not None and version is not None:
        # As `question.services.comments_request` records it, without its e-mails (the scale
        # seeder copies this CoP many times).
        for membership in asked:
            request = CommentRequest.objects.create(
                community=community, version=version, membership=membership, requested_by=asker
            )
            notify(
                user=membership.user,
                kind="comments.requested",
                key=f"comment-request:{request.pk}",
                community=community,
                url=reverse(
                    "question:version",
                    kwargs={"slug": community.slug, "number": version.number},
                ),
                name=str(asker),
                cop=community.name,
            )
    meetings = list(community.meetings.select_related("community").order_by("starts_at"))
    coming = next(
        (m for m in meetings if m.status == MeetingStatus.PLANNED and m.starts_at > now), None
    )
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    if coming is not None and asker is not None and coming.agenda_items.exists():
        meeting_services.agenda_template_save(
            meeting=coming, actor=asker, name="Gewone bijeenkomst"
        )
    attendees = [
        membership.user
        for membership in community.memberships.exclude(role=Role.OBSERVER).select_related("user")
    ]
    for user in attendees:
        if coming is not None:
            meeting_notice(
                user=user,
                meeting=coming,
                kind="meeting.invited",
                key=invitation_key(coming, user),
                path=meeting_path(coming),
            )
        if held:
            last = held[-1]
            meeting_notice(
                user=user,
                meeting=last,
                kind="evaluation.requested",
                key=evaluation_key(last, user),
                path=meeting_path(last, "meetings:evaluate"),
                closes=last.evaluation_closes_at,
            )
    # The evaluation's notice is old news: read by everyone already.
    Notification.objects.filter(
        community=community, kind="evaluation.requested", read=False
    ).update(read=True)

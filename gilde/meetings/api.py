"""Meetings in the REST API (registered with gilde.core.api): the calendar, a meeting with its
agenda and .ics link, its evaluation results (only through the one gate, `evaluation_gate`), and
the RSVP."""

from datetime import datetime
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from gilde.communities.access import Action
from gilde.communities.api import api_access
from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router

from . import services
from .models import Attendance, MeetingStatus
from .selectors.evaluation_gate import evaluation_content

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    status: str
    place: str
    online_link: str
    url: str
    ics_url: str


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class AgendaItemOut(Schema):
    position: int
    title: str
    duration_minutes: int
    work_form: str
    led_by: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    my_rsvp: str | None


class DistributionOut(Schema):
    value: int
    count: int
    percent: int


class ScaleOut(Schema):
    question: str
    answers: int
    average: float | None
    distribution: list[DistributionOut]


class OpenAnswerOut(Schema):
    text: str
    name: str


class OpenOut(Schema):
    question: str
    count: int
    shown: bool
    answers: list[OpenAnswerOut]


class EvaluationOut(Schema):
    state: Literal["open", "too_few", "shown"]
    closes_at: datetime
    answered: int
    participants: int
    scale: list[ScaleOut]
    open: list[OpenOut]


class RsvpIn(Schema):
    response: Literal["yes", "no", "maybe"]


class RsvpOut(Schema):
    meeting: int
    response: str


def _meeting(access, meeting) -> dict:
    slug = access.community.slug
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "duration_minutes": meeting.duration_minutes,
        "status": meeting.status,
        "place": meeting.place,
        "online_link": meeting.online_link,
        "url": reverse("meetings:detail", kwargs={"slug": slug, "pk": meeting.pk}),
        "ics_url": reverse("meetings:ics", kwargs={"slug": slug, "pk": meeting.pk}),
    }


def _meeting_or_404(access, meeting_id: int):
    meeting = access.community.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ApiError(404, "not_found", _("This CoP has no such meeting."))
    return meeting


@router.get("/cops/{slug}/meetings", response={200: MeetingPage, **ERRORS}, summary="Meetings")
def meetings(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_MEETINGS)
    rows, next_cursor = cursor_page(
        access.community.meetings.all(),
        cursor=cursor,
        limit=limit,
        keys=("starts_at", "pk"),
        parse=(datetime.fromisoformat, int),
    )
    return {"items": [_meeting(access, m) for m in rows], "next_cursor": next_cursor}


@router.get(
    "/cops/{slug}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **ERRORS},
    summary="A meeting with its agenda",
)
def meeting(request, slug: str, meeting_id: int):
    access = api_access(request, slug, Action.VIEW_MEETINGS, names_object=True)
    found = _meeting_or_404(access, meeting_id)
    items = found.agenda_items.select_related("led_by__user").order_by("position", "pk")
    rsvp = None
    if access.membership is not None:
        rsvp = (
            Attendance.objects.filter(meeting=found, membership=access.membership)
            .values_list("response", flat=True)
            .first()
        ) or None
    return {
        **_meeting(access, found),
        "agenda": [
            {
                "position": item.position,
                "title": item.title,
                "duration_minutes": item.duration_minutes,
                "work_form": item.work_form_key,
                "led_by": access.member_label(item.led_by),
            }
            for item in items
        ],
        "my_rsvp": rsvp,
    }


@router.get(
    "/cops/{slug}/meetings/{meeting_id}/evaluation",
    response={200: EvaluationOut, **ERRORS},
    summary="The meeting's evaluation results",
    description=(
        "Only after the evaluation closed and only when at least five participants answered "
        "(per question likewise); open answers not for observers."
    ),
)
def evaluation(request, slug: str, meeting_id: int):
    access = api_access(request, slug, Action.VIEW_MEETINGS, names_object=True)
    found = _meeting_or_404(access, meeting_id)
    content = evaluation_content(meetings=[found], access=access)[found.pk]
    return {
        "state": content.state,
        "closes_at": content.closes_at,
        "answered": content.answered,
        "participants": content.participants,
        "scale": [
            {
                "question": result.question.text,
                "answers": result.answers,
                "average": result.average,
                "distribution": [
                    {"value": value, "count": count, "percent": percent}
                    for value, count, percent in result.distribution
                ],
            }
            for result in content.scale
        ],
        "open": [
            {
                "question": result.question.text,
                "count": result.count,
                "shown": result.shown,
                "answers": [{"text": a.text, "name": a.name} for a in result.answers],
            }
            for result in content.open
        ],
    }


@router.post(
    "/cops/{slug}/meetings/{meeting_id}/rsvp",
    response={200: RsvpOut, **ERRORS},
    summary="Say whether you come",
)
def rsvp(request, slug: str, meeting_id: int, body: RsvpIn):
    access = api_access(request, slug, Action.ATTEND_MEETINGS, names_object=True)
    found = _meeting_or_404(access, meeting_id)
    if found.status == MeetingStatus.CANCELLED:
        raise ApiError(400, "cancelled", _("This meeting is cancelled."))
    if found.ends_at <= timezone.now():
        raise ApiError(
            400, "over", _("This meeting is over; you can no longer say whether you come.")
        )
    services.attendance_rsvp(meeting=found, membership=access.membership, response=body.response)
    return {"meeting": found.pk, "response": body.response}


register_api_router(router, order=40)

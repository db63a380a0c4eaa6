"""Meetings' part of a person's data (gilde.core.personal_data).

Handed over: whether they came (RSVP and presence), the agenda items they led and proposed, the
meetings they facilitated, their e-mail preference and calendar links, and the answers of *named*
evaluations (an anonymous answer was never linked to anyone, so nobody can find it, the person
included). When they delete their account: their RSVPs for meetings still to come, their
preference and calendar links go; what the group's history relies on (presence at past meetings,
items led or proposed, facilitation turns, who answered an evaluation) stays under "former
member", and a named answer loses its name, which makes it anonymous like the others.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    CalendarToken,
    EvaluationResponse,
    EvaluationSubmission,
    MeetingFacilitator,
    NotificationPreference,
)


def _export(user) -> dict:
    named = (
        EvaluationResponse.objects.filter(membership__user=user)
        .select_related("meeting__community")
        .prefetch_related("answers__question")
        .order_by("meeting__starts_at", "pk")
    )
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "attendance": [
            {
                "cop": a.meeting.community.name,
                "meeting": a.meeting.title,
                "starts_at": a.meeting.starts_at.isoformat(),
                "response": a.response,
                "present": a.present,
            }
            for a in Attendance.objects.filter(membership__user=user)
            .select_related("meeting__community")
            .order_by("meeting__starts_at", "pk")
        ],
        "agenda_items_led": [
            {"meeting": item.meeting.title, "item": item.title}
            for item in AgendaItem.objects.filter(led_by__user=user)
            .select_related("meeting")
            .order_by("meeting__starts_at", "position", "pk")
        ],
        "agenda_proposals": [
            {
                "meeting": p.meeting.title,
                "item": p.title,
                "status": p.status,
                "note": p.note,
                "reason": p.reason,
            }
            for p in AgendaProposal.objects.filter(proposed_by__user=user)
            .select_related("meeting")
            .order_by("meeting__starts_at", "pk")
        ],
        "meetings_facilitated": [
            {"meeting": f.meeting.title, "starts_at": f.meeting.starts_at.isoformat()}
            for f in MeetingFacilitator.objects.filter(membership__user=user)
            .select_related("meeting")
            .order_by("meeting__starts_at", "pk")
        ],
        "evaluations_answered": EvaluationSubmission.objects.filter(membership__user=user).count(),
        "named_evaluation_answers": [
            {
                "meeting": response.meeting.title,
                "answers": [
                    {"question": answer.question.text, "scale": answer.scale, "text": answer.text}
                    for answer in response.answers.all()
                ],
            }
            for response in named
        ],
        "meeting_emails": preference.mode if preference else "each",
        "calendar_links": CalendarToken.objects.filter(user=user, revoked_at__isnull=True).count(),
    }


def _erase(user) -> None:
    Attendance.objects.filter(membership__user=user, meeting__starts_at__gt=timezone.now()).delete()
    EvaluationResponse.objects.filter(membership__user=user).update(membership=None)
    NotificationPreference.objects.filter(user=user).delete()
    CalendarToken.objects.filter(user=user).delete()


register_personal_data(
    app="meetings",
    title=_("Meetings"),
    models=[
        "meetings.Attendance",
        "meetings.AgendaItem",
        "meetings.AgendaProposal",
        "meetings.MeetingFacilitator",
        "meetings.EvaluationResponse",
        "meetings.EvaluationAnswer",
        "meetings.EvaluationSubmission",
        "meetings.NotificationPreference",
        "meetings.CalendarToken",
        "meetings.MeetingSettings_core_group",
    ],
    export=_export,
    erase=_erase,
    # The core group (in MeetingSettings) names members; it stays, held by the former member.
    considered=["meetings.MeetingSettings"],
)

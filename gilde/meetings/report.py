"""Meetings' part of the reports per audience (gilde.communities.report_sections): attendance
and the evaluation trend for the initiator or funder (aggregates only; the evaluation only
through its gate, see `evidence.meeting_evidence`), an organisation's people's involvement as the
organisation's total, and for the field how often the CoP met."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.evidence import Period
from gilde.communities.report_sections import (
    FIELD,
    FUNDER,
    ORGANISATION,
    Facts,
    Paragraph,
    ReportScope,
    ReportSection,
    facts_from_evidence,
    report_section,
)

from .evidence import meeting_evidence
from .models import Attendance, MeetingStatus


def _period(scope: ReportScope) -> Period:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(scope.start, time.min), tz)
    end = timezone.make_aware(datetime.combine(scope.end, time.max), tz)
    return Period(start, end)


def _held(scope: ReportScope):
    period = _period(scope)
    return scope.community.meetings.filter(
        status=MeetingStatus.HELD, starts_at__gte=period.start, starts_at__lt=period.end
    )


@report_section(key="meetings", order=30, audiences=(ORGANISATION, FUNDER, FIELD))
def meetings_section(scope: ReportScope) -> ReportSection:
    title = _("Meetings")
    held = list(_held(scope).only("pk", "duration_minutes"))
    if not held:
        return ReportSection("meetings", title, empty=_("No meeting was held in this period yet."))
    if scope.audience == FIELD:
        text = ngettext(
            "The CoP met once in this period.",
            "The CoP met %(count)s times in this period.",
            len(held),
        ) % {"count": len(held)}
        return ReportSection("meetings", _("How we worked"), [Paragraph(text)])
    if scope.audience == FUNDER:
        return ReportSection(
            "meetings",
            title,
            [facts_from_evidence(meeting_evidence(scope.community, _period(scope)))],
        )
    # An organisation: its people's involvement, as the organisation's total.
    organisation_id = scope.organisation_id or 0
    present = Attendance.objects.filter(
        meeting__in=[m.pk for m in held],
        present=True,
        membership__user__organisation_id=organisation_id,
    ).select_related("meeting")
    attended = 0
    minutes = 0
    for row in present:
        attended += 1
        minutes += row.meeting.duration_minutes
    people = (
        scope.community.memberships.filter(user__organisation_id=organisation_id)
        .exclude(role="observer")
        .count()
    )
    rows = [
        (_("Meetings held"), str(len(held)), ""),
        (_("Your people in the CoP"), str(people), ""),
        (
            _("Times your people were there"),
            str(attended),
            _("all of them together, not per person"),
        ),
        (_("Time spent in meetings"), f"{number_format(minutes / 60, 1)} " + _("hours"), ""),
    ]
    return ReportSection("meetings", _("Your people's involvement"), [Facts(rows)])

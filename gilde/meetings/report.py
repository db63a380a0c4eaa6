"""Meetings' part of the reports per audience (gilde.communities.report_sections): attendance
and the evaluation trend for the initiator or funder (aggregates only; the evaluation only
through its gate, see `evidence.meeting_evidence`), an organisation's people's involvement as the
organisation's total, and for the field how often the CoP met."""

from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.access import CommunityAccess
from gilde.communities.evidence import Period
from gilde.communities.report_sections import (
    FIELD,
    FUNDER,
    ORGANISATION,
    Chart,
    Facts,
    Paragraph,
    ReportScope,
    ReportSection,
    Table,
    facts_from_evidence,
    report_section,
)
from gilde.core.safe_svg import safe_svg

from .charts import TrendLabels, trend_chart_svg
from .evidence import meeting_evidence
from .models import ANONYMITY_THRESHOLD, Attendance, MeetingStatus
from .selectors import evaluation_trend


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
        blocks: list = [facts_from_evidence(meeting_evidence(scope.community, _period(scope)))]
        chart = _evaluation_chart(scope)
        if chart is not None:
            blocks.append(chart)
        return ReportSection("meetings", title, blocks)
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


def _evaluation_chart(scope: ReportScope) -> Chart | None:
    """The evaluation trend of the period as a chart and a table: averages only, through the
    evaluation gate, as someone outside the meetings would see them."""
    outside = CommunityAccess(scope.community, None, True)
    period = _period(scope)
    questions, rows = evaluation_trend(community=scope.community, access=outside)
    rows = [row for row in rows if row.meeting.starts_at in period]
    if not questions or not any(value is not None for row in rows for value in row.values):
        return None
    labels = [formats.date_format(timezone.localtime(row.meeting.starts_at), "j N") for row in rows]
    svg = trend_chart_svg(
        labels,
        [(q.text, [row.values[i] for row in rows]) for i, q in enumerate(questions)],
        TrendLabels(
            title=_("Evaluation trend"),
            description=_(
                "The average answer (1 to 5) to each scale question per meeting. "
                "Meetings whose evaluation is still open, or that fewer than "
                "%(threshold)s participants answered, have no value. "
                "The table below gives the same numbers."
            )
            % {"threshold": ANONYMITY_THRESHOLD},
            too_few=_("no value"),
        ),
        uid="report-evaluation-trend",
        fmt=lambda value: formats.number_format(value, 1),
    )

    def cell(value):
        return formats.number_format(value, 1) if value is not None else "–"

    table = Table(
        [_("Meeting"), *[q.text for q in questions]],
        [[label, *[cell(v) for v in row.values]] for label, row in zip(labels, rows, strict=True)],
        caption=_("Evaluation trend"),
    )
    return Chart(safe_svg(svg), table)

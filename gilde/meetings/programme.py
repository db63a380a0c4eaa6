"""What a programme sees of a CoP's meetings (gilde.communities.programme_figures): how many were
held and are planned, the attendance rate, the meeting value and its trend, the share of agenda
items participants led, and which library work forms the meetings used, with the value of those
meetings. Evaluation figures come only through the evaluation gate: a meeting adds a value only
when its evaluation closed with enough participants' answers."""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.access import CommunityAccess
from gilde.communities.models import Community, Role
from gilde.communities.programme_figures import (
    COUNT,
    NUMBER,
    PERCENT,
    STRUCTURED,
    Figure,
    FigureDefinition,
    register_programme_figures,
)

from .models import AgendaItem, Attendance, MeetingStatus
from .selectors.agenda import ownership_per_meeting, ownership_share
from .selectors.evaluation_gate import evaluation_content

TREND_MEETINGS = 6  # the meeting values shown as a trend: the last so many with a value


def _meeting_values(community: Community, meetings: list, now) -> dict[int, tuple[float, int]]:
    """Per meeting whose evaluation passed the gate: (the average of its scale questions' shown
    averages, how many participants answered)."""
    # A viewer without a membership: the gate gives averages only, never an open answer.
    viewer = CommunityAccess(community, None, True)
    content = evaluation_content(meetings=meetings, access=viewer, now=now, open_answers=False)
    values = {}
    for meeting_id, item in content.items():
        averages = [result.average for result in item.scale if result.average is not None]
        if item.shown and averages:
            values[meeting_id] = (sum(averages) / len(averages), item.participants)
    return values


def meeting_figures(community: Community, today: date) -> dict[str, Figure]:
    now = timezone.now()
    meetings = list(
        community.meetings.exclude(status=MeetingStatus.CANCELLED).order_by("starts_at", "pk")
    )
    past = [m for m in meetings if m.starts_at <= now]
    held = past  # not cancelled and begun: whether a facilitator marked it held or not
    planned = [m for m in meetings if m.starts_at > now]

    recorded = Attendance.objects.filter(meeting__in=held, present__isnull=False)
    tally = recorded.aggregate(
        rows=Count("pk"),
        present=Count("pk", filter=Q(present=True)),
        people=Count("membership", distinct=True),
    )
    attendance = round(100 * tally["present"] / tally["rows"]) if tally["rows"] else None

    values = _meeting_values(community, past, now)
    ordered = [values[m.pk] for m in past if m.pk in values]
    trend = [round(value, 2) for value, _n in ordered[-TREND_MEETINGS:]]
    fewest = min((n for _value, n in ordered), default=None)
    average = round(sum(v for v, _n in ordered) / len(ordered), 2) if ordered else None
    change = round(trend[-1] - trend[0], 2) if len(trend) >= 2 else None

    participants = community.memberships.filter(role=Role.PARTICIPANT).count()
    ownership = ownership_share(ownership_per_meeting(community=community))

    used: dict[str, dict] = {}
    # The library's forms only: a CoP's own forms ("cop-<id>") mean nothing to other CoPs.
    rows = (
        AgendaItem.objects.filter(meeting__in=past)
        .exclude(work_form_key="")
        .exclude(work_form_key__startswith="cop-")
        .values_list("meeting_id", "work_form_key")
        .distinct()
        .order_by()
    )
    for meeting_id, key in rows:
        entry = used.setdefault(key, {"meetings": 0, "valued": 0, "value_sum": 0.0})
        entry["meetings"] += 1
        if meeting_id in values:
            entry["valued"] += 1
            entry["value_sum"] = round(entry["value_sum"] + values[meeting_id][0], 4)
    return {
        "meetings_held": Figure(len(held)),
        "meetings_planned": Figure(len(planned)),
        "attendance_rate": Figure(attendance, people=tally["people"]),
        "meeting_value": Figure(average, people=fewest),
        "meeting_value_trend": Figure(
            {"values": trend, "change": change} if trend else None, people=fewest
        ),
        "ownership_share": Figure(ownership, people=participants),
        "work_forms": Figure(used),
    }


register_programme_figures(
    app="meetings",
    group=_("Meetings"),
    definitions=[
        FigureDefinition(
            "meetings_held",
            _("Meetings held"),
            _("How many meetings took place."),
            COUNT,
            40,
            total=True,
        ),
        FigureDefinition(
            "meetings_planned",
            _("Meetings planned"),
            _("How many meetings are planned."),
            COUNT,
            41,
            total=True,
        ),
        FigureDefinition(
            "attendance_rate",
            _("Attendance"),
            _(
                "The share of members recorded as present at held meetings, from five different "
                "people on."
            ),
            PERCENT,
            42,
        ),
        FigureDefinition(
            "meeting_value",
            _("Meeting value"),
            _(
                "The average of the evaluations' scale questions (1–5), only of meetings whose "
                "evaluation closed with at least five participants' answers."
            ),
            NUMBER,
            43,
        ),
        FigureDefinition(
            "meeting_value_trend",
            _("Evaluation trend"),
            _("The same average for the last six such meetings, and its change."),
            STRUCTURED,
            44,
        ),
        FigureDefinition(
            "ownership_share",
            _("Ownership"),
            _(
                "The share of agenda items led by participants, from five participants in the "
                "CoP on."
            ),
            PERCENT,
            45,
        ),
        FigureDefinition(
            "work_forms",
            _("Work forms"),
            _(
                "Which work forms from the library the meetings used, with the meeting value "
                "of those meetings."
            ),
            STRUCTURED,
            46,
        ),
    ],
    compute=meeting_figures,
)

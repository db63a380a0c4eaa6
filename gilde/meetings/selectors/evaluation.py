"""Reads for meetings: attendance and evaluation."""

from dataclasses import dataclass

from django.db.models import Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from gilde.communities.access import ROLE_PERMISSIONS, Action
from gilde.communities.models import Membership

from ..models import (
    ANONYMITY_THRESHOLD,
    Attendance,
    EvaluationSubmission,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    QuestionKind,
    Rsvp,
)
from .evaluation_gate import OPEN, EvaluationContent, evaluation_content

# The roles that take part in meetings: they say whether they come and fill in the evaluation.
ATTENDING_ROLES = tuple(
    role for role, rights in ROLE_PERMISSIONS.items() if Action.ATTEND_MEETINGS in rights
)


def attending_members(*, community):
    """The memberships that take part in meetings (not observers), by name."""
    return (
        community.memberships.filter(role__in=ATTENDING_ROLES)
        .select_related("user")
        .order_by("user__name", "pk")
    )


@dataclass(frozen=True)
class AttendanceSummary:
    counts: dict  # Rsvp value → number of members
    coming: list  # names of those who said yes; empty for a viewer who may not see names
    maybe: list
    present: list  # names of those recorded as there; likewise
    present_count: int
    names_shown: bool  # the viewer may see who (CommunityAccess.sees_member_names)
    recorded: bool  # whether a facilitator recorded who was there
    mine: str  # the viewer's own answer, "" when none
    notes: str  # the meeting notes, for every member
    facilitator_notes: str  # only filled in for those who plan meetings
    rsvp_open: bool  # the viewer may say whether they come: the meeting is ahead or under way
    can_plan: bool
    past: bool = False  # held, or over: the page speaks in the past ("Who was there")


def meeting_attendance(*, meeting, access) -> AttendanceSummary:
    """Who says they come and who was there, and the notes, for the meeting page; the notes for
    facilitators only reach those who plan meetings, and names only those who may read the
    member list (the others see the counts). One query."""
    membership = access.membership
    can_plan = access.can(Action.PLAN_MEETINGS)
    names_shown = access.sees_member_names
    rows = list(
        meeting.attendances.select_related("membership__user").order_by(
            "membership__user__name", "pk"
        )
    )
    counts = {value: 0 for value in Rsvp.values}
    mine = ""
    for row in rows:
        if row.response:
            counts[row.response] += 1
        if membership is not None and row.membership_id == membership.pk:
            mine = row.response

    def names(keep) -> list[str]:
        if not names_shown:
            return []
        return [access.member_label(row.membership) for row in rows if keep(row)]

    return AttendanceSummary(
        counts=counts,
        coming=names(lambda row: row.response == Rsvp.YES),
        maybe=names(lambda row: row.response == Rsvp.MAYBE),
        present=names(lambda row: row.present),
        present_count=sum(1 for row in rows if row.present),
        names_shown=names_shown,
        recorded=any(row.present is not None for row in rows),
        mine=mine,
        notes=meeting.notes,
        facilitator_notes=meeting.facilitator_notes if can_plan else "",
        rsvp_open=access.can(Action.ATTEND_MEETINGS)
        and meeting.status != MeetingStatus.CANCELLED
        and meeting.ends_at > timezone.now(),
        can_plan=can_plan,
        past=meeting.status == MeetingStatus.HELD or meeting.ends_at <= timezone.now(),
    )


def evaluation_is_named(*, community) -> bool:
    """Whether the CoP chose named evaluations; anonymous unless it did. A meeting's evaluation
    follows this setting until it opens, and keeps the mode it opened with (see
    `meeting_evaluation_named`)."""
    return MeetingSettings.objects.filter(community=community, named_evaluations=True).exists()


def meeting_evaluation_named(*, meeting) -> bool:
    """Whether this meeting's evaluation is named: the mode fixed when it opened, or else the
    CoP's current setting (it has not been fixed because nothing changed since it opened)."""
    if meeting.evaluation_named is not None:
        return meeting.evaluation_named
    return evaluation_is_named(community=meeting.community_id)


def evaluation_has_answered(*, meeting, membership) -> bool:
    return EvaluationSubmission.objects.filter(meeting=meeting, membership=membership).exists()


def _count_of(queryset):
    """A correlated COUNT(*) subquery, 0 when nothing matches."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")),
        0,
    )


def _expected_attenders(meeting_ref):
    return Attendance.objects.filter(
        Q(present=True) | Q(present__isnull=True, response=Rsvp.YES),
        meeting=meeting_ref,
        membership__role__in=ATTENDING_ROLES,
    )


def evaluation_expected_count(*, meeting) -> int:
    """How many people we hope answer: those recorded as there, plus those who said they come
    and were not recorded as absent; when nobody said anything, every attending member."""
    expected = _expected_attenders(meeting).count()
    if expected:
        return expected
    return Membership.objects.filter(
        community_id=meeting.community_id, role__in=ATTENDING_ROLES
    ).count()


@dataclass(frozen=True)
class EvaluationStatus:
    is_open: bool
    opens_at: object
    closes_at: object
    not_yet: bool  # before it opens
    closed: bool  # it has closed: the results (if any) can be shown
    answered: int  # everyone who answered so far
    participants: int  # those whose answers count towards the threshold
    expected: int
    has_answered: bool  # the viewer
    named: bool
    may_open_early: bool  # a facilitator may open it now (from a day before the start)
    before_start: bool  # the meeting has not started yet
    may_close_early: bool  # open, and enough participants answered to close it

    @property
    def threshold(self) -> int:
        return ANONYMITY_THRESHOLD


def meeting_evaluation(*, meeting, membership=None, now=None) -> EvaluationStatus:
    """The evaluation's state for the meeting page and the evaluation form, in one query."""
    now = now or timezone.now()
    submissions = EvaluationSubmission.objects.filter(meeting=OuterRef("pk"))
    facts = (
        Meeting.objects.filter(pk=meeting.pk)
        .annotate(
            answered=_count_of(submissions),
            participants=_count_of(submissions.filter(counts=True)),
            mine=Exists(submissions.filter(membership=getattr(membership, "pk", None))),
            attenders=_count_of(_expected_attenders(OuterRef("pk"))),
            members=_count_of(
                Membership.objects.filter(
                    community=OuterRef("community_id"), role__in=ATTENDING_ROLES
                )
            ),
            setting_named=Exists(
                MeetingSettings.objects.filter(
                    community=OuterRef("community_id"), named_evaluations=True
                )
            ),
        )
        .values("answered", "participants", "mine", "attenders", "members", "setting_named")
        .get()
    )
    answered = facts["answered"]
    is_open = meeting.evaluation_is_open(now)
    not_yet = meeting.status != MeetingStatus.CANCELLED and now < meeting.evaluation_opens_at
    return EvaluationStatus(
        is_open=is_open,
        opens_at=meeting.evaluation_opens_at,
        closes_at=meeting.evaluation_closes_at,
        not_yet=not_yet,
        closed=meeting.evaluation_has_closed(now),
        answered=answered,
        participants=facts["participants"],
        expected=max(answered, facts["attenders"] or facts["members"]),
        has_answered=membership is not None and facts["mine"],
        named=meeting.evaluation_named
        if meeting.evaluation_named is not None
        else facts["setting_named"],
        may_open_early=not_yet and meeting.evaluation_may_open_early(now),
        before_start=now < meeting.starts_at,
        may_close_early=is_open and facts["participants"] >= ANONYMITY_THRESHOLD,
    )


@dataclass(frozen=True)
class EvaluationResults(EvaluationContent):
    expected: int = 0
    threshold: int = ANONYMITY_THRESHOLD


def evaluation_results(*, meeting, access, now=None) -> EvaluationResults:
    """One meeting's evaluation as the viewer may see it (through the gate), with how many
    people we hoped would answer."""
    content = evaluation_content(meetings=[meeting], access=access, now=now)[meeting.pk]
    return EvaluationResults(
        **{name: getattr(content, name) for name in content.__dataclass_fields__},
        expected=max(content.answered, evaluation_expected_count(meeting=meeting)),
    )


@dataclass(frozen=True)
class TrendRow:
    meeting: object
    answered: int
    shown: bool  # False: still open or too few participants answered
    is_open: bool  # not closed yet
    values: list  # per trend question: the average, or None when not shown


def evaluation_trend(*, community, access, now=None) -> tuple[list, list]:
    """The scale questions' averages across the meetings that took place, oldest first:
    (questions, rows), through the gate: a meeting whose evaluation is open, or that too few
    participants answered, or a question too few answered, has no value. Four queries, whatever
    the number of meetings."""
    now = now or timezone.now()
    meetings = list(
        community.meetings.exclude(status=MeetingStatus.CANCELLED)
        .filter(starts_at__lte=now)
        .order_by("starts_at", "pk")
    )
    content = evaluation_content(meetings=meetings, access=access, now=now, open_answers=False)
    averages = {
        (meeting_id, result.question.pk): result.average
        for meeting_id, item in content.items()
        for result in item.scale
    }
    shown = {question for _meeting, question in averages}
    questions = list(
        community.evaluation_questions.filter(kind=QuestionKind.SCALE).filter(
            Q(active=True) | Q(pk__in=shown)
        )
    )
    rows = [
        TrendRow(
            meeting,
            content[meeting.pk].answered,
            content[meeting.pk].shown,
            content[meeting.pk].state == OPEN,
            [averages.get((meeting.pk, question.pk)) for question in questions],
        )
        for meeting in meetings
    ]
    return questions, rows

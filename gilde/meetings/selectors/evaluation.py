"""Reads for meetings: attendance and evaluation."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from gilde.communities.access import ROLE_PERMISSIONS, Action
from gilde.communities.models import Membership

from ..models import (
    ANONYMITY_THRESHOLD,
    Attendance,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    EvaluationSubmission,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    QuestionKind,
    Rsvp,
)

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
    )


def evaluation_is_named(*, community) -> bool:
    """Whether the CoP chose named evaluations; anonymous unless it did."""
    return MeetingSettings.objects.filter(community=community, named_evaluations=True).exists()


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
    answered: int  # responses so far
    expected: int
    has_answered: bool  # the viewer
    named: bool


def meeting_evaluation(*, meeting, membership=None, now=None) -> EvaluationStatus:
    """The evaluation's state for the meeting page and the evaluation form, in one query."""
    now = now or timezone.now()
    facts = (
        Meeting.objects.filter(pk=meeting.pk)
        .annotate(
            answered=_count_of(EvaluationResponse.objects.filter(meeting=OuterRef("pk"))),
            mine=Exists(
                EvaluationSubmission.objects.filter(
                    meeting=OuterRef("pk"), membership=getattr(membership, "pk", None)
                )
            ),
            attenders=_count_of(_expected_attenders(OuterRef("pk"))),
            members=_count_of(
                Membership.objects.filter(
                    community=OuterRef("community_id"), role__in=ATTENDING_ROLES
                )
            ),
            named=Exists(
                MeetingSettings.objects.filter(
                    community=OuterRef("community_id"), named_evaluations=True
                )
            ),
        )
        .values("answered", "mine", "attenders", "members", "named")
        .get()
    )
    answered = facts["answered"]
    return EvaluationStatus(
        is_open=meeting.evaluation_is_open(now),
        opens_at=meeting.evaluation_opens_at,
        closes_at=meeting.evaluation_closes_at,
        not_yet=meeting.status != MeetingStatus.CANCELLED and now < meeting.evaluation_opens_at,
        answered=answered,
        expected=max(answered, facts["attenders"] or facts["members"]),
        has_answered=membership is not None and facts["mine"],
        named=facts["named"],
    )


@dataclass(frozen=True)
class ScaleResult:
    question: EvaluationQuestion
    answers: int
    average: float | None  # None below the threshold
    distribution: list  # (value, count, percent) for 1–5, empty below the threshold


@dataclass(frozen=True)
class OpenAnswer:
    text: str
    name: str  # "" for an anonymous answer


@dataclass(frozen=True)
class OpenResult:
    question: EvaluationQuestion
    answers: list


@dataclass(frozen=True)
class EvaluationResults:
    answered: int
    expected: int
    shown: bool  # at least ANONYMITY_THRESHOLD people answered
    scale: list
    open: list


def evaluation_results(*, meeting) -> EvaluationResults:
    """Averages, distributions and open answers of one meeting's evaluation, only when at least
    ANONYMITY_THRESHOLD people answered. A scale question answered by fewer people than that
    gets no average either: a question is optional, and two answers would give two people away.
    Open answers are sorted by their text, not by when they came in, so their order says nothing
    about who wrote them."""
    answered = meeting.responses.count()
    expected = max(answered, evaluation_expected_count(meeting=meeting))
    if answered < ANONYMITY_THRESHOLD:
        return EvaluationResults(answered, expected, False, [], [])
    answers = list(
        EvaluationAnswer.objects.filter(response__meeting=meeting)
        .select_related("question", "response__membership__user")
        .order_by("question__position", "question_id")
    )
    by_question: dict[int, list] = {}
    questions: dict[int, EvaluationQuestion] = {}
    for answer in answers:
        questions[answer.question_id] = answer.question
        by_question.setdefault(answer.question_id, []).append(answer)
    scale, open_ = [], []
    for pk, question in questions.items():
        rows = by_question[pk]
        if question.kind == QuestionKind.SCALE:
            values = [row.scale for row in rows if row.scale is not None]
            if len(values) < ANONYMITY_THRESHOLD:
                scale.append(ScaleResult(question, len(values), None, []))
                continue
            distribution = [
                (value, values.count(value), round(100 * values.count(value) / len(values)))
                for value in range(1, 6)
            ]
            scale.append(
                ScaleResult(question, len(values), sum(values) / len(values), distribution)
            )
        else:
            texts = [
                OpenAnswer(
                    row.text,
                    row.response.membership.user.name if row.response.membership else "",
                )
                for row in rows
                if row.text
            ]
            texts.sort(key=lambda item: (item.text.casefold(), item.name))
            open_.append(OpenResult(question, texts))
    return EvaluationResults(answered, expected, True, scale, open_)


@dataclass(frozen=True)
class TrendRow:
    meeting: object
    answered: int
    values: list  # per trend question: the average, or None for too few answers


def evaluation_trend(*, community, now=None) -> tuple[list, list]:
    """The scale questions' averages across the meetings that took place, oldest first:
    (questions, rows). A meeting or question with fewer than ANONYMITY_THRESHOLD answers has no
    value. Three queries, whatever the number of meetings."""
    now = now or timezone.now()
    meetings = list(
        community.meetings.exclude(status=MeetingStatus.CANCELLED)
        .filter(starts_at__lte=now)
        .order_by("starts_at", "pk")
    )
    answered = dict(
        EvaluationResponse.objects.filter(meeting__in=meetings)
        .values_list("meeting")
        .annotate(n=Count("pk"))
    )
    averages = {
        (row["response__meeting"], row["question"]): (row["average"], row["n"])
        for row in EvaluationAnswer.objects.filter(
            response__meeting__in=meetings,
            question__kind=QuestionKind.SCALE,
            scale__isnull=False,
        )
        .values("response__meeting", "question")
        .annotate(average=Avg("scale"), n=Count("pk"))
    }
    asked = {question for _meeting, question in averages}
    questions = list(
        community.evaluation_questions.filter(kind=QuestionKind.SCALE).filter(
            Q(active=True) | Q(pk__in=asked)
        )
    )
    rows = []
    for meeting in meetings:
        values = []
        for question in questions:
            average, n = averages.get((meeting.pk, question.pk), (None, 0))
            enough = answered.get(meeting.pk, 0) >= ANONYMITY_THRESHOLD
            values.append(average if enough and n >= ANONYMITY_THRESHOLD else None)
        rows.append(TrendRow(meeting, answered.get(meeting.pk, 0), values))
    return questions, rows


def evaluation_questions_all(*, community):
    """Every question of the CoP, in use and switched off, each with `has_answers`."""
    return community.evaluation_questions.annotate(
        has_answers=Exists(EvaluationAnswer.objects.filter(question=OuterRef("pk")))
    ).order_by("position", "pk")


def evaluation_question_answered(*, question) -> bool:
    """Whether anyone answered this question; its kind then stays as it is."""
    return EvaluationAnswer.objects.filter(question=question).exists()

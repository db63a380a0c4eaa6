"""The one gate for evaluation content. Every page, e-mail, export or API that shows what people
answered (averages, distributions, open answers, "what does the next meeting need") reads it
through `evaluation_content`; no other module reads answers (a test keeps it that way).

The promise it keeps:
- nothing shows before the evaluation closes (at the end of its week, or when a facilitator
  closes it early); from then on no answer is added, so the results stay as they are and no one
  can compare the page before and after one more answer;
- nothing shows unless at least ANONYMITY_THRESHOLD participants answered: answers of the
  initiator and of the meeting's facilitators do not count towards it;
- per question likewise: a question shows only when, leaving out every answer that might be the
  initiator's or a facilitator's, at least ANONYMITY_THRESHOLD answers remain;
- open answers only for those who may read them (not observers), shuffled so their order says
  nothing about when they came in, and with a name only in a named evaluation.
"""

import random
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.models import Role

from ..models import (
    ANONYMITY_THRESHOLD,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationSubmission,
    MeetingFacilitator,
    QuestionKind,
)

OPEN, TOO_FEW, SHOWN = "open", "too_few", "shown"


def evaluation_counts_towards_threshold(*, meeting, membership) -> bool:
    """Whether this member's answer counts towards the threshold: a participant's does; the
    initiator's and the meeting's facilitators' (the CoP's facilitators when the meeting has
    none assigned) do not, since they read the results and know their own answers."""
    if membership.role == Role.INITIATOR:
        return False
    assigned = set(
        MeetingFacilitator.objects.filter(meeting=meeting).values_list("membership_id", flat=True)
    )
    if assigned:
        return membership.pk not in assigned
    return membership.role != Role.FACILITATOR


def evaluation_answers_readable(*, access) -> bool:
    """Whether the viewer may read open answers (observers see averages only)."""
    return access.can(Action.READ_EVALUATION_ANSWERS)


@dataclass(frozen=True)
class ScaleResult:
    question: EvaluationQuestion
    answers: int
    average: float | None  # None: too few answers to this question
    distribution: list  # (value, count, percent) for 1–5, empty when the average is None


@dataclass(frozen=True)
class OpenAnswer:
    id: int  # random, see models.random_id
    question: EvaluationQuestion
    text: str
    name: str  # "" for an anonymous answer
    handled: bool
    agenda_item: object  # the agenda item it is linked to, or None


@dataclass(frozen=True)
class OpenResult:
    question: EvaluationQuestion
    count: int
    shown: bool  # False: too few answers to this question
    answers: list  # OpenAnswer, shuffled; empty when not shown


@dataclass(frozen=True)
class EvaluationContent:
    """What the viewer may see of one meeting's evaluation."""

    meeting: object
    answered: int  # everyone who answered
    participants: int  # those whose answers count towards the threshold
    state: str  # OPEN (not closed yet), TOO_FEW or SHOWN
    answers_readable: bool  # the viewer may read open answers
    scale: list = field(default_factory=list)
    open: list = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def closes_at(self):
        return self.meeting.evaluation_closes_at


def _shuffled(meeting, question, answers: list) -> list:
    """The same order on every visit, but one that follows neither arrival nor ids: sorted by
    text, then shuffled with a seed from the meeting's random uid."""
    answers = sorted(answers, key=lambda answer: (answer.text, answer.id))
    random.Random(f"{meeting.uid}:{question.pk}").shuffle(answers)
    return answers


def evaluation_content(
    *, meetings, access, now=None, open_answers: bool = True
) -> dict[int, EvaluationContent]:
    """The evaluation content the viewer (`access`) may see, per meeting id. Scale questions
    always; open answers when `open_answers` and the viewer may read them. Three to four
    queries, whatever the number of meetings."""
    now = now or timezone.now()
    meetings = list(meetings)
    tallies: dict[int, dict[bool, int]] = {meeting.pk: {True: 0, False: 0} for meeting in meetings}
    for row in (
        EvaluationSubmission.objects.filter(meeting__in=meetings)
        .values("meeting_id", "counts")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        tallies[row["meeting_id"]][row["counts"]] = row["n"]
    passing = {
        meeting.pk
        for meeting in meetings
        if meeting.evaluation_has_closed(now) and tallies[meeting.pk][True] >= ANONYMITY_THRESHOLD
    }
    readable = evaluation_answers_readable(access=access)
    scale_counts: dict[tuple[int, int], dict[int, int]] = {}
    texts: dict[tuple[int, int], list] = {}
    question_ids = set()
    if passing:
        for row in (
            EvaluationAnswer.objects.filter(
                response__meeting_id__in=passing,
                question__kind=QuestionKind.SCALE,
                scale__isnull=False,
            )
            .values("response__meeting_id", "question_id", "scale")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            key = (row["response__meeting_id"], row["question_id"])
            scale_counts.setdefault(key, {})[row["scale"]] = row["n"]
            question_ids.add(row["question_id"])
        if open_answers and readable:
            for answer in (
                EvaluationAnswer.objects.filter(
                    response__meeting_id__in=passing, question__kind=QuestionKind.OPEN
                )
                .exclude(text="")
                .select_related("response__membership__user", "agenda_item")
                .order_by()
            ):
                texts.setdefault((answer.response.meeting_id, answer.question_id), []).append(
                    answer
                )
                question_ids.add(answer.question_id)
    questions = list(
        EvaluationQuestion.objects.filter(pk__in=question_ids).order_by("position", "pk")
    )
    result = {}
    for meeting in meetings:
        counting, others = tallies[meeting.pk][True], tallies[meeting.pk][False]
        answered = counting + others
        if meeting.pk not in passing:
            state = OPEN if not meeting.evaluation_has_closed(now) else TOO_FEW
            result[meeting.pk] = EvaluationContent(meeting, answered, counting, state, readable)
            continue
        scale, open_ = [], []
        for question in questions:
            key = (meeting.pk, question.pk)
            if question.kind == QuestionKind.SCALE and key in scale_counts:
                counts = scale_counts[key]
                total = sum(counts.values())
                # Every answer that might be a non-participant's is left out of the count.
                if total - others < ANONYMITY_THRESHOLD:
                    scale.append(ScaleResult(question, total, None, []))
                    continue
                distribution = [
                    (value, counts.get(value, 0), round(100 * counts.get(value, 0) / total))
                    for value in range(1, 6)
                ]
                average = sum(value * n for value, n in counts.items()) / total
                scale.append(ScaleResult(question, total, average, distribution))
            elif question.kind == QuestionKind.OPEN and key in texts:
                rows = texts[key]
                if len(rows) - others < ANONYMITY_THRESHOLD:
                    open_.append(OpenResult(question, len(rows), False, []))
                    continue
                answers = [
                    OpenAnswer(
                        id=row.pk,
                        question=question,
                        text=row.text,
                        name=row.response.membership.user.name
                        if row.response.membership_id
                        else "",
                        handled=row.handled,
                        agenda_item=row.agenda_item,
                    )
                    for row in rows
                ]
                shuffled = _shuffled(meeting, question, answers)
                open_.append(OpenResult(question, len(rows), True, shuffled))
        result[meeting.pk] = EvaluationContent(
            meeting, answered, counting, SHOWN, readable, scale, open_
        )
    return result


def evaluation_needs(content: EvaluationContent) -> list:
    """The shown open answers to questions that feed the next meeting's preparation."""
    return [
        answer
        for result in content.open
        if result.question.feeds_next_meeting
        for answer in result.answers
    ]


def evaluation_questions_all(*, community):
    """Every question of the CoP, in use and switched off, each with `has_answers`."""
    return community.evaluation_questions.annotate(
        has_answers=Exists(EvaluationAnswer.objects.filter(question=OuterRef("pk")))
    ).order_by("position", "pk")


def evaluation_question_answered(*, question) -> bool:
    """Whether anyone answered this question; its kind then stays as it is."""
    return EvaluationAnswer.objects.filter(question=question).exists()

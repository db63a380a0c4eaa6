"""Writes for meetings: attendance and evaluation."""

import secrets

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from gilde.communities.models import Community

from ..models import (
    Attendance,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    EvaluationSubmission,
    MeetingSettings,
    MeetingStatus,
    QuestionKind,
)
from ..selectors import evaluation_has_answered, evaluation_is_named
from ..tasks import notify_evaluation_opened
from .calendar import meeting_settings_for


class EvaluationClosed(Exception):
    """The evaluation is not open: the meeting has not ended yet, or the week has passed."""


class EvaluationAlreadyAnswered(Exception):
    """This member answered this meeting's evaluation before."""


class EvaluationNotOpenable(Exception):
    """A facilitator can open an evaluation early, not reopen a closed or cancelled one."""


# Submissions get a random id far above anything the sequence reaches: with sequential ids the
# n-th submission and the n-th response of a meeting would belong to the same person.
_RANDOM_ID_FLOOR = 2**40
_RANDOM_ID_SPAN = 2**62 - _RANDOM_ID_FLOOR


def _default_questions():
    return [
        (gettext("How valuable was this meeting for you?"), QuestionKind.SCALE, False),
        (gettext("What do you take with you?"), QuestionKind.OPEN, False),
        (gettext("What does the next meeting need?"), QuestionKind.OPEN, True),
    ]


def evaluation_questions_for(community) -> list[EvaluationQuestion]:
    """The CoP's active evaluation questions in order; on first use the three default questions
    are created, in the site's language (a facilitator can reword them)."""
    questions = list(community.evaluation_questions.filter(active=True))
    if questions or community.evaluation_questions.exists():
        return questions
    with transaction.atomic():
        # Lock the CoP so two first visits at once do not create the defaults twice.
        Community.objects.select_for_update().filter(pk=community.pk).first()
        if not community.evaluation_questions.exists():
            with translation.override(django_settings.LANGUAGE_CODE):
                EvaluationQuestion.objects.bulk_create(
                    EvaluationQuestion(
                        community=community,
                        position=position,
                        text=text,
                        kind=kind,
                        feeds_next_meeting=feeds,
                    )
                    for position, (text, kind, feeds) in enumerate(_default_questions())
                )
    return list(community.evaluation_questions.filter(active=True))


def _renumber(community) -> list[EvaluationQuestion]:
    questions = list(community.evaluation_questions.order_by("position", "pk"))
    for position, question in enumerate(questions):
        question.position = position
    EvaluationQuestion.objects.bulk_update(questions, ["position"])
    return questions


@transaction.atomic
def evaluation_question_add(
    *, community, actor, text: str, kind: str, feeds_next_meeting: bool = False
) -> EvaluationQuestion:
    """Add a question at the end of the CoP's evaluation."""
    evaluation_questions_for(community)  # the defaults first, so they keep their place
    position = len(_renumber(community))
    return EvaluationQuestion.objects.create(
        community=community,
        position=position,
        text=text,
        kind=kind,
        feeds_next_meeting=feeds_next_meeting,
    )


def evaluation_question_update(
    *, question, actor, text: str, kind: str, feeds_next_meeting: bool
) -> EvaluationQuestion:
    """Reword a question or change its kind. The kind of an answered question stays (the form
    refuses the change): old scale answers would otherwise show up as empty open answers."""
    if kind != question.kind and EvaluationAnswer.objects.filter(question=question).exists():
        kind = question.kind
    question.text, question.kind, question.feeds_next_meeting = text, kind, feeds_next_meeting
    question.save(update_fields=["text", "kind", "feeds_next_meeting"])
    return question


@transaction.atomic
def evaluation_question_remove(*, question, actor) -> bool:
    """Delete an unanswered question; switch an answered one off so old results stay intact.
    True when it was deleted."""
    if EvaluationAnswer.objects.filter(question=question).exists():
        question.active = False
        question.save(update_fields=["active"])
        return False
    question.delete()
    return True


def evaluation_question_restore(*, question, actor) -> EvaluationQuestion:
    """Put a switched-off question back in the evaluation."""
    question.active = True
    question.save(update_fields=["active"])
    return question


@transaction.atomic
def evaluation_question_move(*, question, actor, up: bool) -> None:
    """Swap a question with its neighbour among the questions in use."""
    _renumber(question.community)
    active = list(question.community.evaluation_questions.filter(active=True))
    index = next((i for i, item in enumerate(active) if item.pk == question.pk), None)
    if index is None:
        return
    other = index - 1 if up else index + 1
    if not 0 <= other < len(active):
        return
    first, second = active[index], active[other]
    first.position, second.position = second.position, first.position
    EvaluationQuestion.objects.bulk_update([first, second], ["position"])


def evaluation_settings_save(*, community, actor, named: bool) -> MeetingSettings:
    """Choose named or anonymous evaluations; answers given before keep how they were stored."""
    meeting_settings = meeting_settings_for(community)
    meeting_settings.named_evaluations = named
    meeting_settings.save(update_fields=["named_evaluations"])
    return meeting_settings


def evaluation_open(*, meeting, actor, now=None) -> bool:
    """Open the evaluation now, before the meeting's end. False when it was open already;
    raises EvaluationNotOpenable for a cancelled meeting or a closed evaluation.

    The evaluation request goes out once this commits (at the meeting's end, the periodic job
    sends it instead)."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED or now >= meeting.evaluation_closes_at:
        raise EvaluationNotOpenable
    if meeting.evaluation_is_open(now):
        return False
    with transaction.atomic():
        meeting.evaluation_opened_at = now
        meeting.save(update_fields=["evaluation_opened_at"])
        notify_evaluation_opened(meeting)
    return True


def evaluation_submit(*, meeting, membership, answers, now=None) -> EvaluationResponse:
    """Store one member's evaluation: `answers` are (question, scale, text) triples.

    Anonymous (the default): the response has no membership and only the date, and a separate
    EvaluationSubmission (with a random id, see above) records that the member answered. Named:
    the response carries the membership too. Both in one transaction; no audit entry, since
    that would tie the person to the moment of answering. Raises EvaluationClosed or
    EvaluationAlreadyAnswered."""
    now = now or timezone.now()
    if not meeting.evaluation_is_open(now):
        raise EvaluationClosed
    if evaluation_has_answered(meeting=meeting, membership=membership):
        raise EvaluationAlreadyAnswered
    named = evaluation_is_named(community=meeting.community)
    try:
        with transaction.atomic():
            EvaluationSubmission.objects.create(
                pk=_RANDOM_ID_FLOOR + secrets.randbelow(_RANDOM_ID_SPAN),
                meeting=meeting,
                membership=membership,
            )
            response = EvaluationResponse.objects.create(
                meeting=meeting,
                membership=membership if named else None,
                created_on=timezone.localdate(now),
            )
            EvaluationAnswer.objects.bulk_create(
                EvaluationAnswer(response=response, question=question, scale=scale, text=text)
                for question, scale, text in answers
            )
    except IntegrityError:
        # Sent twice at the same moment: the unique constraint kept the second one out.
        if EvaluationSubmission.objects.filter(meeting=meeting, membership=membership).exists():
            raise EvaluationAlreadyAnswered from None
        raise
    return response


def attendance_rsvp(*, meeting, membership, response: str) -> Attendance:
    """Say whether a member comes (yes / no / maybe); saying it again changes the answer."""
    try:
        with transaction.atomic():
            attendance, _created = Attendance.objects.update_or_create(
                meeting=meeting, membership=membership, defaults={"response": response}
            )
    except IntegrityError:
        # Two answers at the same moment: the row exists now, so update it.
        attendance = Attendance.objects.get(meeting=meeting, membership=membership)
        attendance.response = response
        attendance.save(update_fields=["response"])
    return attendance


@transaction.atomic
def attendance_record(*, meeting, actor, memberships, present_ids) -> None:
    """Record who was there: each of `memberships` is present when its pk is in `present_ids`,
    absent otherwise. Their RSVP answers stay as they were."""
    present_ids = set(present_ids)
    existing = {row.membership_id: row for row in meeting.attendances.all()}
    changed, created = [], []
    for membership in memberships:
        here = membership.pk in present_ids
        row = existing.get(membership.pk)
        if row is None:
            created.append(Attendance(meeting=meeting, membership=membership, present=here))
        elif row.present != here:
            row.present = here
            changed.append(row)
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(changed, ["present"])


def meeting_notes_save(*, meeting, actor, notes: str, facilitator_notes: str) -> None:
    """Save the group's notes and the facilitators' notes of a meeting."""
    meeting.notes, meeting.facilitator_notes = notes, facilitator_notes
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=["notes", "facilitator_notes", "updated_at"])

"""Writes for meetings: attendance and evaluation."""

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from gilde.communities.models import Community
from gilde.core.audit import audit_log, delete_logged, save_logged

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
)
from ..selectors import (
    evaluation_counts_towards_threshold,
    evaluation_has_answered,
    evaluation_is_named,
)
from ..tasks import notify_evaluation_opened
from .calendar import meeting_settings_for

NAMED, ANONYMOUS = "named", "anonymous"  # the evaluation form says which one it was shown with


class EvaluationClosed(Exception):
    """The evaluation is not open: the meeting has not ended yet, or the week has passed."""


class EvaluationAlreadyAnswered(Exception):
    """This member answered this meeting's evaluation before."""


class EvaluationNotOpenable(Exception):
    """A facilitator can open an evaluation early, not reopen a closed or cancelled one."""


class EvaluationTooEarly(Exception):
    """The meeting is more than a day ahead: its evaluation cannot be opened yet."""


class EvaluationNeedsConfirmation(Exception):
    """The meeting has not started: opening its evaluation needs the facilitator's confirmation."""


class EvaluationTooFewAnswers(Exception):
    """Fewer than ANONYMITY_THRESHOLD participants answered: the evaluation cannot close early."""


class EvaluationModeChanged(Exception):
    """The form was shown as anonymous and sent for a named evaluation, or the other way round."""


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
    question = EvaluationQuestion.objects.create(
        community=community,
        position=position,
        text=text,
        kind=kind,
        feeds_next_meeting=feeds_next_meeting,
    )
    audit_log(community=community, actor=actor, action="evaluation_question.added", text=text)
    return question


def evaluation_question_update(
    *, question, actor, text: str, kind: str, feeds_next_meeting: bool
) -> EvaluationQuestion:
    """Reword a question or change its kind. The kind of an answered question stays (the form
    refuses the change): old scale answers would otherwise show up as empty open answers."""
    if kind != question.kind and EvaluationAnswer.objects.filter(question=question).exists():
        kind = question.kind
    return save_logged(
        question,
        fields={"text": text, "kind": kind, "feeds_next_meeting": feeds_next_meeting},
        community=question.community,
        actor=actor,
        action="evaluation_question.changed",
        text=text,
    )


@transaction.atomic
def evaluation_question_remove(*, question, actor) -> bool:
    """Delete an unanswered question; switch an answered one off so old results stay intact.
    True when it was deleted."""
    log = {"community": question.community, "actor": actor, "text": question.text}
    if EvaluationAnswer.objects.filter(question=question).exists():
        save_logged(question, fields={"active": False}, action="evaluation_question.off", **log)
        return False
    delete_logged(question, action="evaluation_question.deleted", **log)
    return True


def evaluation_question_restore(*, question, actor) -> EvaluationQuestion:
    """Put a switched-off question back in the evaluation."""
    return save_logged(
        question,
        fields={"active": True},
        community=question.community,
        actor=actor,
        action="evaluation_question.on",
        text=question.text,
    )


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


def _mode(named: bool) -> str:
    return NAMED if named else ANONYMOUS


@transaction.atomic
def evaluation_settings_save(*, community, actor, named: bool, now=None) -> MeetingSettings:
    """Choose named or anonymous evaluations. The change applies to evaluations that have not
    opened yet: every meeting whose evaluation opened keeps the mode it opened with (fixed here
    if it was not yet). Audit-logged."""
    now = now or timezone.now()
    meeting_settings = MeetingSettings.objects.select_for_update().get(
        pk=meeting_settings_for(community).pk
    )
    if meeting_settings.named_evaluations == named:
        return meeting_settings
    opened = [
        meeting.pk
        for meeting in community.meetings.filter(evaluation_named__isnull=True).filter(
            Q(starts_at__lte=now) | Q(evaluation_opened_at__isnull=False)
        )
        if meeting.evaluation_opens_at <= now
    ]
    Meeting.objects.filter(pk__in=opened, evaluation_named__isnull=True).update(
        evaluation_named=meeting_settings.named_evaluations
    )
    meeting_settings.named_evaluations = named
    meeting_settings.save(update_fields=["named_evaluations"])
    audit_log(community=community, actor=actor, action="evaluation.mode_changed", mode=_mode(named))
    return meeting_settings


def _locked_with_mode(meeting) -> Meeting:
    """The meeting, locked for this transaction and re-read, with its evaluation's mode fixed
    (from the CoP's setting) if it was not yet."""
    locked = Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)
    if locked.evaluation_named is None:
        locked.evaluation_named = evaluation_is_named(community=locked.community)
        Meeting.objects.filter(pk=locked.pk).update(evaluation_named=locked.evaluation_named)
    return locked


def evaluation_open(*, meeting, actor, confirmed: bool = False, now=None) -> bool:
    """Open the evaluation now, before the meeting's end; this fixes its mode (named or
    anonymous). False when it was open already. Raises EvaluationNotOpenable for a cancelled
    meeting or a closed evaluation, EvaluationTooEarly more than a day before the start, and
    EvaluationNeedsConfirmation before the start unless `confirmed`.

    The evaluation request goes out once this commits (at the meeting's end, the periodic job
    sends it instead). Audit-logged."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED or meeting.evaluation_has_closed(now):
        raise EvaluationNotOpenable
    if meeting.evaluation_is_open(now):
        return False
    if not meeting.evaluation_may_open_early(now):
        raise EvaluationTooEarly
    if now < meeting.starts_at and not confirmed:
        raise EvaluationNeedsConfirmation
    with transaction.atomic():
        locked = _locked_with_mode(meeting)
        if locked.evaluation_is_open(now):
            return False  # someone else opened it a moment ago
        Meeting.objects.filter(pk=meeting.pk).update(evaluation_opened_at=now)
        meeting.evaluation_opened_at = now
        meeting.evaluation_named = locked.evaluation_named
        audit_log(
            community=locked.community,
            actor=actor,
            action="evaluation.opened_early",
            title=meeting.title,
        )
        notify_evaluation_opened(meeting)
    return True


def evaluation_close(*, meeting, actor, now=None) -> None:
    """Close an open evaluation early, once at least ANONYMITY_THRESHOLD participants answered:
    its results show from now on, and no answer is added any more. Raises EvaluationClosed when
    it is not open, EvaluationTooFewAnswers below the threshold. Audit-logged."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)
        if not locked.evaluation_is_open(now):
            raise EvaluationClosed
        participants = EvaluationSubmission.objects.filter(meeting=locked, counts=True).count()
        if participants < ANONYMITY_THRESHOLD:
            raise EvaluationTooFewAnswers
        Meeting.objects.filter(pk=meeting.pk).update(evaluation_closed_at=now)
        meeting.evaluation_closed_at = now
        audit_log(
            community=locked.community,
            actor=actor,
            action="evaluation.closed_early",
            title=meeting.title,
        )


def evaluation_submit(
    *, meeting, membership, answers, shown_mode: str | None = None, now=None
) -> EvaluationResponse:
    """Store one member's evaluation: `answers` are (question, scale, text) triples.

    Anonymous (the default): the response has no membership and only the date, and a separate
    EvaluationSubmission records that the member answered (and whether the answer counts
    towards the threshold). Named: the response carries the membership too. All rows get random
    ids (models.random_id), so neither ids nor storage order pair a submission with its
    response. One transaction; no audit entry, since that would tie the person to the moment of
    answering.

    `shown_mode` is the mode ("named"/"anonymous") the form told the member; when it is not the
    meeting's mode the answers are not stored (EvaluationModeChanged). Without a form (the demo)
    pass None. Raises EvaluationClosed or EvaluationAlreadyAnswered too."""
    now = now or timezone.now()
    if not meeting.evaluation_is_open(now):
        raise EvaluationClosed
    if evaluation_has_answered(meeting=meeting, membership=membership):
        raise EvaluationAlreadyAnswered
    try:
        with transaction.atomic():
            locked = _locked_with_mode(meeting)
            if not locked.evaluation_is_open(now):
                raise EvaluationClosed  # closed early a moment ago
            named = locked.evaluation_named
            if shown_mode is not None and shown_mode != _mode(named):
                raise EvaluationModeChanged
            EvaluationSubmission.objects.create(
                meeting=meeting,
                membership=membership,
                counts=evaluation_counts_towards_threshold(meeting=meeting, membership=membership),
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

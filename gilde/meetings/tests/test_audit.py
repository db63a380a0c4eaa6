"""The meetings domain leaves an audit trail like the other apps: agenda, facilitation and the
evaluation's questions."""

from datetime import timedelta

from django.utils import timezone

from gilde.core.audit import audit_describe
from gilde.core.models import AuditEntry
from gilde.meetings import services
from gilde.meetings.models import FacilitationMode, Meeting


def _sentences(cop) -> list[str]:
    return [audit_describe(entry) for entry in AuditEntry.objects.filter(community=cop)]


def test_agenda_changes_are_logged(cop, facilitator, english_interface):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=9),
        duration_minutes=180,
    )
    item = services.agenda_item_add(
        meeting=meeting, actor=facilitator, title="Check-in", duration_minutes=15
    )
    services.agenda_item_update(item=item, actor=facilitator, title="Inchecken")
    services.agenda_item_delete(item=item, actor=facilitator)
    sentences = _sentences(cop)
    assert "added “Check-in” to the agenda of Bijeenkomst 2" in sentences
    assert "changed “Inchecken” on the agenda of Bijeenkomst 2" in sentences
    assert "removed “Inchecken” from the agenda of Bijeenkomst 2" in sentences
    assert AuditEntry.objects.filter(actor=facilitator).count() == 3


def test_facilitation_and_evaluation_questions_are_logged(
    cop, facilitator, participant, english_interface
):
    services.facilitation_save(community=cop, actor=facilitator, mode=FacilitationMode.ROTATION_ALL)
    question = services.evaluation_question_add(
        community=cop, actor=facilitator, text="Wat was nieuw?", kind="open"
    )
    services.evaluation_question_update(
        question=question,
        actor=facilitator,
        text="Wat was nieuw voor je?",
        kind="open",
        feeds_next_meeting=False,
    )
    services.evaluation_question_remove(question=question, actor=facilitator)
    sentences = _sentences(cop)
    assert any(s.startswith("changed how the meetings are facilitated: ") for s in sentences)
    assert "added the evaluation question “Wat was nieuw?”" in sentences
    assert "changed the evaluation question “Wat was nieuw voor je?”" in sentences
    assert "deleted the evaluation question “Wat was nieuw voor je?”" in sentences

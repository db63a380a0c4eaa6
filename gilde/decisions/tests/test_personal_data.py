"""Peer feedback and votes in "Download my data", and what "Delete my account" leaves."""

import pytest

from gilde.accounts.services import account_erase
from gilde.core.personal_data import personal_data_parts
from gilde.decisions.models import FeedbackInvite, FeedbackRequest
from gilde.decisions.services.feedback import feedback_answer, feedback_ask

from .conftest import membership


def _decisions():
    return next(part for part in personal_data_parts() if part.app == "decisions")


@pytest.mark.django_db
def test_feedback_asked_goes_with_the_account_feedback_given_stays(
    cop, initiator, facilitator, participant
):
    me = membership(cop, participant)
    asked = feedback_ask(
        community=cop,
        asker=me,
        subject="case",
        about="VRAAG-VAN-MIJ-1",
        question="Kijk je mee?",
        writers=[membership(cop, facilitator)],
    )
    feedback_answer(invite=asked.invites.get(), text="ANTWOORD-AAN-MIJ-2")
    theirs = feedback_ask(
        community=cop,
        asker=membership(cop, facilitator),
        subject="case",
        about="VRAAG-VAN-FACILITATOR-3",
        question="En bij mij?",
        writers=[me, membership(cop, initiator)],
    )
    feedback_answer(invite=theirs.invites.get(writer=me), text="MIJN-ANTWOORD-4")

    handed_over = str(_decisions().export(participant))
    assert "VRAAG-VAN-MIJ-1" in handed_over and "ANTWOORD-AAN-MIJ-2" in handed_over
    assert "MIJN-ANTWOORD-4" in handed_over

    account_erase(user=participant)

    assert not FeedbackRequest.objects.filter(about="VRAAG-VAN-MIJ-1").exists()
    # The facilitator asked and was answered: that answer is theirs as much as the writer's.
    assert FeedbackInvite.objects.filter(writer=me, answer="MIJN-ANTWOORD-4").exists()

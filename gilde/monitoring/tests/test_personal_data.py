"""Ties and value stories in "Download my data", and what "Delete my account" leaves."""

from datetime import date

import pytest

from gilde.accounts.services import account_erase
from gilde.core.personal_data import personal_data_parts
from gilde.monitoring import services
from gilde.monitoring.models import Tie, ValueStory

from .conftest import membership_of


def _monitoring():
    return next(part for part in personal_data_parts() if part.app == "monitoring")


def _story(cop, membership, title, tier):
    return services.value_story_save(
        community=cop,
        author=membership,
        title=title,
        told_on=date(2026, 3, 1),
        tier=tier,
        parts={"immediate": ("Een tip.", "", "")},
    )


@pytest.mark.django_db
def test_private_stories_and_tie_notes_go_shared_stories_and_ties_stay(
    cop, initiator, facilitator, participant, kinds
):
    me = membership_of(cop, participant)
    _story(cop, me, "PRIVE-VERHAAL-1", "private")
    _story(cop, me, "GEDEELD-VERHAAL-2", "group")
    services.tie_add(
        community=cop,
        actor=participant,
        member=me,
        other_member=membership_of(cop, facilitator),
        kind=next(iter(kinds.values())),
        started_on=date(2026, 2, 1),
        note="NOTITIE-3",
    )

    handed_over = str(_monitoring().export(participant))
    for marker in ("PRIVE-VERHAAL-1", "GEDEELD-VERHAAL-2", "NOTITIE-3"):
        assert marker in handed_over
    assert facilitator.name not in handed_over  # the other end is that member's data

    account_erase(user=participant)

    assert not ValueStory.objects.filter(title="PRIVE-VERHAAL-1").exists()
    assert ValueStory.objects.get(title="GEDEELD-VERHAAL-2").author is None
    tie = Tie.objects.get(community=cop)
    assert tie.note == "" and me.pk in (tie.member_id, tie.other_member_id)

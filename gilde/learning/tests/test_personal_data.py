"""A member's learning record in "Download my data", and what "Delete my account" leaves."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.services import account_erase
from gilde.core.personal_data import personal_data_parts
from gilde.learning.models import BuddyGroup, Entry, Experiment, LearningRecord, Tier
from gilde.learning.services.experiments import experiment_add
from gilde.learning.services.record import entry_add, goals_save

from .conftest import make_buddies, membership_of


def _learning():
    return next(part for part in personal_data_parts() if part.app == "learning")


@pytest.mark.django_db
def test_the_record_is_handed_over_whole_and_erased_but_for_what_the_group_was_given(
    cop, participant, buddy
):
    me = membership_of(cop, participant)
    goals_save(membership=me, actor=participant, revision=0, goals="PRIVEDOEL-1", questions="")
    entry_add(membership=me, kind="insight", body="PRIVE-INZICHT-2")
    entry_add(membership=me, kind="insight", body="GROEPS-INZICHT-3", tier=Tier.GROUP)
    due = timezone.localdate() + timedelta(days=14)
    experiment_add(membership=me, title="PRIVE-EXPERIMENT-4", due_on=due)
    experiment_add(membership=me, title="GEDEELD-EXPERIMENT-5", due_on=due, tier=Tier.GROUP)
    make_buddies(cop, participant, buddy)

    handed_over = str(_learning().export(participant))
    for marker in ("PRIVEDOEL-1", "PRIVE-INZICHT-2", "GROEPS-INZICHT-3", "PRIVE-EXPERIMENT-4"):
        assert marker in handed_over
    # The buddy's own record is not part of the participant's data.
    entry_add(membership=membership_of(cop, buddy), kind="insight", body="BUDDY-7", tier="buddy")
    assert "BUDDY-7" not in str(_learning().export(participant))

    account_erase(user=participant)

    assert not LearningRecord.objects.filter(membership=me).exists()
    assert list(Entry.objects.filter(membership=me).values_list("body", flat=True)) == [
        "GROEPS-INZICHT-3"
    ]
    assert list(Experiment.objects.filter(membership=me).values_list("title", flat=True)) == [
        "GEDEELD-EXPERIMENT-5"
    ]
    assert not BuddyGroup.objects.filter(members=me).exists()
    assert Entry.objects.filter(body="BUDDY-7").exists()


@pytest.mark.django_db
def test_a_cop_export_carries_private_items_only_for_members_who_consented(cop, participant):
    from gilde.communities.portability import export_document

    me = membership_of(cop, participant)
    entry_add(membership=me, kind="insight", body="PRIVE-EXPORT-1")
    entry_add(membership=me, kind="insight", body="GROEP-EXPORT-2", tier=Tier.GROUP)

    plain = str(export_document(cop))
    assert "GROEP-EXPORT-2" in plain and "PRIVE-EXPORT-1" not in plain
    assert "PRIVE-EXPORT-1" not in str(export_document(cop, with_private=True))
    consented = str(export_document(cop, with_private=True, consenting={me.pk}))
    assert "PRIVE-EXPORT-1" in consented

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.communities.models import Role
from gilde.core import middleware
from gilde.learning.models import BuddyGroup, BuddyPeriod
from gilde.meetings.models import Meeting
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_interface(settings, monkeypatch):
    """These tests read the English source texts, so everyone gets the English interface (a
    Dutch test sets the language back itself, see `dutch`)."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(middleware, "AVAILABLE", {"en"})


@pytest.fixture
def past_meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(hours=5),
        duration_minutes=180,
    )


@pytest.fixture
def next_meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=20),
        duration_minutes=180,
    )


@pytest.fixture
def buddy(cop):
    """A second participant."""
    user = UserFactory(email="bo@example.org", name="Bo Buddy")
    MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)
    return user


def membership_of(cop, user):
    return cop.memberships.get(user=user)


def make_buddies(cop, *users, actor=None):
    today = timezone.localdate()
    period = BuddyPeriod.objects.create(
        community=cop, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30)
    )
    group = BuddyGroup.objects.create(period=period, community=cop, number=1)
    group.members.set([membership_of(cop, u) for u in users])
    period.confirmed_at = timezone.now()
    period.save()
    return period


@pytest.fixture
def dutch(settings, monkeypatch):
    settings.LANGUAGE_CODE = "nl"
    monkeypatch.setattr(middleware, "AVAILABLE", {"nl", "en"})

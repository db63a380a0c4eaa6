from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.meetings.models import Meeting, MeetingStatus
from gilde.monitoring import services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def held_meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(days=2),
        duration_minutes=180,
        status=MeetingStatus.HELD,
    )


@pytest.fixture
def group(cop, initiator, facilitator, participant, observer):
    """Six more participants from three organisations, besides the personas."""
    organisations = [OrganisationFactory(name=f"Organisatie {n}") for n in "ABC"]
    people = []
    for n in range(6):
        user = UserFactory(
            email=f"deelnemer{n}@example.org",
            name=f"Deelnemer {n}",
            organisation=organisations[n % 3],
        )
        people.append(MembershipFactory(community=cop, user=user, role="participant"))
    return people


@pytest.fixture
def kinds(cop):
    return {kind.key: kind for kind in services.tie_kinds_ensure(community=cop)}


def membership_of(cop, user):
    return cop.memberships.get(user=user)

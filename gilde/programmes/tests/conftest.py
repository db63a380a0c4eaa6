"""Programme fixtures: a manager, a programme, and CoPs filled with people, meetings, evaluations,
experiments and a reflection. Names, answers and texts carry MARKER so a sweep can prove that no
programme page, export or API response shows any of them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gilde.communities.models import Role
from gilde.learning.models import Experiment, ExperimentStatus, Tier
from gilde.meetings import services as meeting_services
from gilde.meetings.models import AgendaItem, Attendance, Meeting, MeetingStatus
from gilde.monitoring.models import CycleStatus, MonitoringCycle
from gilde.programmes import services
from gilde.programmes.models import LinkStatus, Programme, ProgrammeCop, ProgrammeManager
from gilde.programmes.tasks import cop_figures_store
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

MARKER = "MARKER"


@pytest.fixture
def manager(db):
    return UserFactory(email="mira@example.org", name="Mira Programmamanager")


@pytest.fixture
def programme(manager):
    programme = Programme.objects.create(
        name="Circulaire regio", slug="circulaire-regio", owner_organisation="Provincie"
    )
    ProgrammeManager.objects.create(programme=programme, user=manager)
    return programme


@pytest.fixture
def other_manager(db):
    other = Programme.objects.create(name="Ander", slug="ander", owner_organisation="Elders")
    user = UserFactory(email="oscar@example.org", name="Oscar Anderprogramma")
    ProgrammeManager.objects.create(programme=other, user=user)
    return user


def populate(community, *, people: int, meetings: int = 3, answers: int | None = None):
    """`people` participants (plus an initiator) with marked names, `meetings` past meetings
    with attendance, a library work form and an evaluation that `answers` of them answered."""
    answers = people if answers is None else answers
    organisation = OrganisationFactory(name=f"{MARKER}-org-{community.slug}")
    initiator = MembershipFactory(
        community=community,
        user=UserFactory(
            email=f"marker-init-{community.slug}@example.org",
            name=f"{MARKER} Initiator {community.slug}",
            organisation=organisation,
        ),
        role=Role.INITIATOR,
    )
    members = [
        MembershipFactory(
            community=community,
            user=UserFactory(
                email=f"marker-{community.slug}-{n}@example.org",
                name=f"{MARKER} Person {community.slug} {n}",
                organisation=organisation,
            ),
            role=Role.PARTICIPANT,
        )
        for n in range(people)
    ]
    questions = meeting_services.evaluation_questions_for(community)
    scale, open_question = questions[0], questions[1]
    for number in range(meetings):
        meeting = Meeting.objects.create(
            community=community,
            title=f"{MARKER} meeting {number}",
            starts_at=timezone.now() - timedelta(days=10 + 14 * number),
            duration_minutes=120,
            status=MeetingStatus.HELD,
        )
        AgendaItem.objects.create(
            meeting=meeting,
            title="Check-in",
            work_form_key="world-cafe",
            duration_minutes=15,
            led_by=members[0] if members else None,
        )
        for index, membership in enumerate(members):
            Attendance.objects.create(
                meeting=meeting, membership=membership, present=index % 4 != 3
            )
        for membership in members[:answers]:
            meeting_services.evaluation_submit(
                meeting=meeting,
                membership=membership,
                answers=[(scale, 4, ""), (open_question, None, f"{MARKER} answer {membership.pk}")],
                now=meeting.evaluation_opens_at + timedelta(hours=1),
            )
    for membership in members:
        Experiment.objects.create(
            community=community,
            membership=membership,
            title=f"{MARKER} experiment {membership.pk}",
            due_on=date.today() + timedelta(days=20),
            tier=Tier.GROUP,
            status=ExperimentStatus.DONE if membership.pk % 2 else ExperimentStatus.PLANNED,
        )
        Experiment.objects.create(
            community=community,
            membership=membership,
            title=f"{MARKER} private experiment {membership.pk}",
            due_on=date.today() + timedelta(days=20),
            tier=Tier.PRIVATE,
        )
    MonitoringCycle.objects.create(
        community=community,
        number=1,
        starts_on=date.today() - timedelta(days=60),
        ends_on=date.today() - timedelta(days=1),
        status=CycleStatus.CLOSED,
        went_well=f"Shared reflection of {community.slug}",
        to_change="Meer tijd voor casussen",
        opened_by=initiator.user,
    )
    return initiator.user, members


def join(programme, community, *, theme="", region="", share=False):
    """Put `community` in `programme` as its initiator would, and compute its figures."""
    link = ProgrammeCop.objects.create(
        programme=programme,
        community=community,
        status=LinkStatus.MEMBER,
        theme=theme,
        region=region,
        share_reflection=share,
    )
    community.refresh_from_db()
    cop_figures_store(community)
    return link


@pytest.fixture
def big_cop(programme):
    community = CommunityFactory(name="Grote CoP", slug="grote-cop")
    populate(community, people=8)
    join(programme, community, theme="Energie", region="Noord", share=True)
    return community


@pytest.fixture
def small_cop(programme):
    community = CommunityFactory(name="Kleine CoP", slug="kleine-cop")
    populate(community, people=3)
    join(programme, community, theme="Water", region="Zuid")
    return community


__all__ = ["MARKER", "join", "populate", "services"]

"""Roles per meeting: the default list, volunteering, assigning, the rotation, and the meeting
pages that show them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.decisions.models import MeetingRole, RoleAssignment
from gilde.meetings.models import Meeting, MeetingStatus
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def meetings(cop):
    now = timezone.now()
    held = [
        Meeting.objects.create(
            community=cop,
            title=f"Oud {n}",
            starts_at=now - timedelta(days=40 * (n + 1)),
            duration_minutes=120,
            status=MeetingStatus.HELD,
        )
        for n in range(2)
    ]
    coming = [
        Meeting.objects.create(
            community=cop,
            title=f"Nieuw {n}",
            starts_at=now + timedelta(days=20 * (n + 1)),
            duration_minutes=120,
        )
        for n in range(3)
    ]
    return held, coming


def test_the_board_gives_the_cop_default_roles_once(client, cop, participant, meetings):
    client.force_login(participant)
    page = client.get(reverse("decisions:roles", args=[cop.slug])).content.decode()
    assert "Tijdbewaker" in page and "Nieuw 0" in page
    assert MeetingRole.objects.filter(community=cop).count() == 4
    MeetingRole.objects.filter(community=cop).delete()
    client.get(reverse("decisions:roles", args=[cop.slug]))
    assert not MeetingRole.objects.filter(community=cop).exists()  # removed stays removed


def test_a_member_volunteers_and_gives_a_role_back(client, cop, participant, facilitator, meetings):
    _held, coming = meetings
    client.force_login(participant)
    client.get(reverse("decisions:roles", args=[cop.slug]))
    role = MeetingRole.objects.get(community=cop, position=1)
    take = reverse("decisions:role_take", args=[cop.slug, coming[0].pk, role.pk])
    assert client.post(take, {"back": "meeting"}).url == reverse(
        "meetings:detail", args=[cop.slug, coming[0].pk]
    )
    assignment = RoleAssignment.objects.get()
    assert assignment.membership.user == participant and assignment.volunteered
    page = client.get(reverse("meetings:detail", args=[cop.slug, coming[0].pk])).content.decode()
    assert "Tijdbewaker" in page and "Piet Deelnemer" in page
    client.force_login(facilitator)
    client.post(take)
    assert RoleAssignment.objects.get().membership.user == participant  # taken: a message
    release = reverse("decisions:role_release", args=[cop.slug, coming[0].pk, role.pk])
    other = MembershipFactory(community=cop, user=UserFactory(), role="participant")
    client.force_login(other.user)
    assert client.post(release).status_code == 403
    client.force_login(participant)
    client.post(release)
    assert not RoleAssignment.objects.exists()


def test_roles_of_a_held_meeting_are_fixed_for_volunteers(client, cop, participant, meetings):
    held, _coming = meetings
    client.force_login(participant)
    client.get(reverse("decisions:roles", args=[cop.slug]))
    role = MeetingRole.objects.filter(community=cop).first()
    client.post(reverse("decisions:role_take", args=[cop.slug, held[0].pk, role.pk]))
    assert not RoleAssignment.objects.exists()


def test_another_cops_meeting_is_404(client, cop, participant, outsider):
    other = Meeting.objects.create(
        community=outsider.memberships.first().community,
        title="X",
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=60,
    )
    client.force_login(participant)
    client.get(reverse("decisions:roles", args=[cop.slug]))
    role = MeetingRole.objects.filter(community=cop).first()
    assert (
        client.post(reverse("decisions:role_take", args=[cop.slug, other.pk, role.pk])).status_code
        == 404
    )


def test_a_facilitator_hands_out_roles_and_the_agenda_shows_them(
    client, cop, facilitator, participant, meetings
):
    _held, coming = meetings
    client.force_login(facilitator)
    url = reverse("decisions:roles_assign", args=[cop.slug, coming[1].pk])
    client.get(url)
    roles = list(MeetingRole.objects.filter(community=cop))
    piet = cop.memberships.get(user=participant)
    response = client.post(url, {f"role_{roles[0].pk}": str(piet.pk)})
    assert response.status_code == 302
    assert RoleAssignment.objects.get().role == roles[0]
    agenda = client.get(reverse("meetings:agenda", args=[cop.slug, coming[1].pk])).content.decode()
    prepare = client.get(
        reverse("meetings:prepare", args=[cop.slug, coming[1].pk])
    ).content.decode()
    assert "Piet Deelnemer" in agenda and "Piet Deelnemer" in prepare
    forged = client.post(url, {f"role_{roles[0].pk}": "999999"})
    assert forged.status_code == 400
    client.force_login(participant)
    assert client.get(url).status_code == 403


def test_the_rotation_spreads_roles_fairly_and_keeps_taken_ones(client, cop, facilitator, meetings):
    _held, coming = meetings
    people = [
        MembershipFactory(community=cop, user=UserFactory(), role="participant") for _ in range(6)
    ]
    client.force_login(facilitator)
    url = reverse("decisions:roles_rotation", args=[cop.slug])
    client.get(reverse("decisions:roles", args=[cop.slug]))
    role = MeetingRole.objects.filter(community=cop).first()
    RoleAssignment.objects.create(
        community=cop, meeting_id=coming[0].pk, role=role, membership=people[0]
    )
    preview = client.post(url, {"meetings": "3", "seed": "0", "preview": "1"})
    assert preview.status_code == 200 and "Voorgestelde rollen" in preview.content.decode()
    assert RoleAssignment.objects.count() == 1
    client.post(url, {"meetings": "3", "seed": "0", "confirm": "1"})
    assignments = list(RoleAssignment.objects.filter(community=cop))
    assert len(assignments) == 12  # 3 meetings x 4 roles
    kept = RoleAssignment.objects.get(meeting_id=coming[0].pk, role=role)
    assert kept.membership == people[0]
    turns = [sum(1 for a in assignments if a.membership_id == p.pk) for p in people]
    assert max(turns) - min(turns) <= 1
    assert client.post(url, {"meetings": "0", "seed": "0", "preview": "1"}).status_code == 400


def test_the_role_list_is_edited_by_facilitators(client, cop, facilitator, participant):
    client.force_login(facilitator)
    url = reverse("decisions:role_list", args=[cop.slug])
    client.get(url)
    assert (
        client.post(
            url, {"name": "Fotograaf", "description": "Maakt foto's", "active": "on"}
        ).status_code
        == 302
    )
    duplicate = client.post(url, {"name": "fotograaf", "active": "on"})
    assert duplicate.status_code == 400 and "al een rol" in duplicate.content.decode()
    role = MeetingRole.objects.get(name="Fotograaf")
    client.post(
        reverse("decisions:role_edit", args=[cop.slug, role.pk]),
        {"name": "Fotograaf", "description": ""},
    )
    role.refresh_from_db()
    assert not role.active
    client.force_login(participant)
    assert client.get(url).status_code == 403

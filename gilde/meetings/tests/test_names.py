"""Names of people on meeting pages follow the member list (issue 9, item 11): who may read the
member list sees who comes, who was there, who facilitates and who leads an item; the others
(observers) see counts and roles. One rule decides: `CommunityAccess.member_label`."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import Action, community_access
from gilde.communities.models import Membership
from gilde.meetings.models import (
    AgendaItem,
    Attendance,
    FacilitationMode,
    Meeting,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    Rsvp,
)

pytestmark = pytest.mark.django_db

NAMES = ("Alice Initiatiefnemer", "Fenna Facilitator", "Piet Deelnemer")


def _meeting(cop, days, **fields):
    return Meeting.objects.create(
        community=cop,
        title=fields.pop("title", f"Bijeenkomst {days}"),
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=120,
        **fields,
    )


@pytest.fixture
def meetings(cop, initiator, facilitator, participant, observer):
    """A held meeting with answers, presence, an agenda and facilitators; a coming one too."""
    alice, fenna, piet = (
        Membership.objects.get(user=u) for u in (initiator, facilitator, participant)
    )
    MeetingSettings.objects.create(community=cop, facilitation_mode=FacilitationMode.ROTATION_ALL)
    held = _meeting(cop, -7, status=MeetingStatus.HELD, title="Vorige keer")
    coming = _meeting(cop, 7, title="Volgende keer")
    for meeting in (held, coming):
        MeetingFacilitator.objects.create(meeting=meeting, membership=fenna, focus="content")
        MeetingFacilitator.objects.create(meeting=meeting, membership=piet, focus="process")
        AgendaItem.objects.create(meeting=meeting, title="Casus", duration_minutes=30, led_by=piet)
    Attendance.objects.create(meeting=held, membership=fenna, response=Rsvp.YES, present=True)
    Attendance.objects.create(meeting=held, membership=piet, response=Rsvp.YES, present=True)
    Attendance.objects.create(meeting=held, membership=alice, response=Rsvp.MAYBE, present=False)
    Attendance.objects.create(meeting=coming, membership=piet, response=Rsvp.YES)
    Attendance.objects.create(meeting=coming, membership=alice, response=Rsvp.MAYBE)
    return {"held": held, "coming": coming}


def _pages(client, cop, meetings) -> dict[str, str]:
    urls = {
        "held meeting": reverse(
            "meetings:detail", kwargs={"slug": cop.slug, "pk": meetings["held"].pk}
        ),
        "coming meeting": reverse(
            "meetings:detail", kwargs={"slug": cop.slug, "pk": meetings["coming"].pk}
        ),
        "step 4": reverse("guide:cop_step", kwargs={"slug": cop.slug, "number": 4}),
        "calendar": reverse("meetings:calendar", kwargs={"slug": cop.slug}),
    }
    pages = {}
    for where, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, where
        pages[where] = response.content.decode()
    return pages


def test_observer_sees_no_names_on_meeting_pages(client, cop, observer, meetings):
    client.force_login(observer)
    for where, page in _pages(client, cop, meetings).items():
        for name in NAMES:
            assert name not in page, (where, name)


def test_observer_still_sees_counts_and_roles(client, cop, observer, meetings):
    client.force_login(observer)
    pages = _pages(client, cop, meetings)
    held = pages["held meeting"]
    assert "Er waren 2 mensen." in held
    assert "Vooraf zeiden 2 te komen" in held  # a held meeting speaks in the past
    assert "Facilitator (inhoud), Deelnemer (proces)" in held
    assert "Deelnemer" in held.split('class="table agenda-table"', 1)[1]
    assert "Beurten:" not in pages["step 4"]  # turns per person mean nothing without names


def test_participant_sees_the_names_the_member_list_shows(client, cop, participant, meetings):
    client.force_login(participant)
    pages = _pages(client, cop, meetings)
    held = pages["held meeting"]
    assert "Fenna Facilitator, Piet Deelnemer" in held  # who came and who was there
    assert "Wie waren er" in held and "Wie komt er" not in held
    assert "Fenna Facilitator (inhoud), Piet Deelnemer (proces)" in held
    assert "Fenna Facilitator (inhoud), Piet Deelnemer (proces)" in pages["step 4"]
    assert "Beurten:" in pages["step 4"]


def test_facilitator_sees_names_on_the_attendance_form(client, cop, facilitator, meetings):
    client.force_login(facilitator)
    url = reverse("meetings:attendance", kwargs={"slug": cop.slug, "pk": meetings["held"].pk})
    page = client.get(url).content.decode()
    assert all(name in page for name in NAMES)


def test_the_names_rule_is_the_member_list_rule(cop, initiator, facilitator, participant, observer):
    piet = Membership.objects.get(user=participant)
    for user in (initiator, facilitator, participant, observer):
        access = community_access(user, cop)
        assert access.sees_member_names == access.can(Action.VIEW_MEMBERS)
        expected = "Piet Deelnemer" if access.can(Action.VIEW_MEMBERS) else "Deelnemer"
        assert access.member_label(piet) == expected
    olga = community_access(observer, cop)
    assert olga.member_label(olga.membership) == "Olga Observer"  # one's own name


def test_who_marked_a_step_is_named_only_to_those_who_see_names(
    client, cop, facilitator, participant, observer
):
    from gilde.communities.services import step_mark

    step_mark(community=cop, step=4, actor=facilitator, done=True)
    url = reverse("guide:cop_step", kwargs={"slug": cop.slug, "number": 4})
    client.force_login(observer)
    page = client.get(url).content.decode()
    assert "Fenna Facilitator" not in page
    assert "Klaar, gemarkeerd op" in page
    client.force_login(participant)
    assert "Klaar volgens Fenna Facilitator" in client.get(url).content.decode()

"""The agenda builder's tools: clock times, breaks, templates, a work form from the library."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.meetings.models import AgendaItem, AgendaTemplate, Meeting, MeetingStatus
from gilde.meetings.selectors import agenda_for, ownership_per_meeting
from tests.factories import CommunityFactory


@pytest.fixture
def meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.localtime().replace(hour=13, minute=30, second=0, microsecond=0)
        + timedelta(days=7),
        duration_minutes=180,
    )


def _item(meeting, title, position, minutes=20, **fields):
    return AgendaItem.objects.create(
        meeting=meeting, title=title, position=position, duration_minutes=minutes, **fields
    )


def _url(name, meeting, **kwargs):
    return reverse(
        f"meetings:{name}", kwargs={"slug": meeting.community.slug, "pk": meeting.pk, **kwargs}
    )


def test_each_item_gets_its_clock_time_from_the_start(client, facilitator, meeting):
    _item(meeting, "Check-in", 0, 15)
    _item(meeting, "Casus", 1, 45)
    agenda = agenda_for(meeting=meeting)
    times = [
        (
            timezone.localtime(item.clock_start).strftime("%H:%M"),
            timezone.localtime(item.clock_end).strftime("%H:%M"),
        )
        for item, _form in agenda.rows
    ]
    assert times == [("13:30", "13:45"), ("13:45", "14:30")]
    client.force_login(facilitator)
    page = client.get(_url("agenda", meeting)).content.decode()
    assert "13:45</time>–<time" in page


def test_a_break_is_added_and_does_not_count_as_an_item_the_group_leads(
    client, facilitator, meeting
):
    _item(meeting, "Check-in", 0)
    client.force_login(facilitator)
    response = client.post(_url("agenda_break", meeting))
    assert response.status_code == 302
    brk = meeting.agenda_items.get(is_break=True)
    assert (brk.title, brk.duration_minutes, brk.position) == ("Pauze", 15, 1)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    [held] = ownership_per_meeting(community=meeting.community)
    assert held.item_count == 1


def test_a_break_is_refused_to_participants(client, participant, meeting):
    client.force_login(participant)
    assert client.post(_url("agenda_break", meeting)).status_code == 403
    assert not meeting.agenda_items.exists()


def test_an_agenda_saved_as_a_template_starts_another_meetings_agenda(
    client, facilitator, participant, meeting, cop
):
    led = cop.memberships.get(user=participant)
    _item(meeting, "Check-in", 0, 15, work_form_key="check-in-check-out", led_by=led)
    _item(meeting, "Pauze", 1, 15, is_break=True)
    client.force_login(facilitator)
    client.post(_url("agenda_template_save", meeting), {"name": "Gewoon"})
    template = AgendaTemplate.objects.get(community=cop, name="Gewoon")
    assert [item["title"] for item in template.items] == ["Check-in", "Pauze"]
    assert "led_by" not in template.items[0]  # who leads is decided per meeting
    other = Meeting.objects.create(
        community=cop,
        title="B3",
        starts_at=meeting.starts_at + timedelta(days=42),
        duration_minutes=180,
    )
    _item(other, "Al gepland", 0)
    client.post(_url("agenda_template_apply", other), {"template": template.pk})
    assert list(other.agenda_items.values_list("title", "is_break", "led_by")) == [
        ("Al gepland", False, None),
        ("Check-in", False, None),
        ("Pauze", True, None),
    ]
    # Saving under the same name replaces the template.
    client.post(_url("agenda_template_save", other), {"name": "Gewoon"})
    assert (
        AgendaTemplate.objects.get(community=cop, name="Gewoon").items[0]["title"] == "Al gepland"
    )


def test_an_empty_agenda_is_not_saved_as_a_template(client, facilitator, meeting, cop):
    client.force_login(facilitator)
    client.post(_url("agenda_template_save", meeting), {"name": "Leeg"})
    assert not AgendaTemplate.objects.filter(community=cop).exists()


def test_another_cops_template_cannot_be_applied(client, facilitator, meeting):
    foreign = AgendaTemplate.objects.create(
        community=CommunityFactory(), name="Elders", items=[{"title": "X", "duration_minutes": 5}]
    )
    client.force_login(facilitator)
    client.post(_url("agenda_template_apply", meeting), {"template": foreign.pk})
    assert not meeting.agenda_items.exists()
    delete = reverse("meetings:agenda_template_delete", args=[meeting.community.slug, foreign.pk])
    assert client.post(delete).status_code == 404
    assert AgendaTemplate.objects.filter(pk=foreign.pk).exists()


def test_a_template_is_deleted_after_asking(client, facilitator, meeting, cop):
    template = AgendaTemplate.objects.create(community=cop, name="Oud", items=[])
    client.force_login(facilitator)
    url = reverse("meetings:agenda_template_delete", args=[cop.slug, template.pk])
    assert "Oud" in client.get(url).content.decode()
    assert AgendaTemplate.objects.filter(pk=template.pk).exists()
    client.post(url)
    assert not AgendaTemplate.objects.filter(pk=template.pk).exists()


def test_a_work_form_goes_from_the_library_onto_a_coming_meetings_agenda(
    client, facilitator, meeting, cop
):
    client.force_login(facilitator)
    library = client.get(reverse("guide:cop_library", args=[cop.slug])).content.decode()
    url = reverse("meetings:agenda_add_work_form", args=[cop.slug, "ls-1-2-4-all"])
    assert url in library
    assert meeting.title in client.get(url).content.decode()
    response = client.post(url, {"meeting": meeting.pk})
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.work_form_key, item.duration_minutes) == ("ls-1-2-4-all", 12)


def test_participants_get_no_link_and_no_page_to_add_a_work_form(client, participant, cop):
    client.force_login(participant)
    library = client.get(reverse("guide:cop_library", args=[cop.slug])).content.decode()
    url = reverse("meetings:agenda_add_work_form", args=[cop.slug, "ls-1-2-4-all"])
    assert url not in library
    assert client.get(url).status_code == 403


def test_an_unknown_work_form_or_a_past_meeting_is_refused(client, facilitator, cop):
    past = Meeting.objects.create(
        community=cop,
        title="Voorbij",
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=60,
    )
    client.force_login(facilitator)
    assert (
        client.get(
            reverse("meetings:agenda_add_work_form", args=[cop.slug, "bestaat-niet"])
        ).status_code
        == 404
    )
    url = reverse("meetings:agenda_add_work_form", args=[cop.slug, "ls-1-2-4-all"])
    response = client.post(url, {"meeting": past.pk})
    assert response.status_code == 200 and response.context["form"].errors
    assert not past.agenda_items.exists()

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Membership
from gilde.meetings import agenda_checks as checks
from gilde.meetings.agenda_checks import ItemFacts
from gilde.meetings.models import AgendaItem, Meeting
from tests.factories import CommunityFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 2",
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=120,
    )


def _item(meeting, title, position, minutes=20, **fields):
    return AgendaItem.objects.create(
        meeting=meeting, title=title, position=position, duration_minutes=minutes, **fields
    )


def _url(name, meeting, **kwargs):
    return reverse(
        f"meetings:{name}", kwargs={"slug": meeting.community.slug, "pk": meeting.pk, **kwargs}
    )


def _titles(meeting):
    return list(meeting.agenda_items.values_list("title", flat=True))


# Views: add, edit, delete, move — with and without HTMX


def test_facilitator_adds_an_item_without_javascript(client, facilitator, meeting):
    client.force_login(facilitator)
    response = client.post(
        _url("agenda", meeting),
        {"new-title": "Check-in", "new-duration_minutes": "15", "new-configuration": "pair"},
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.title, item.duration_minutes, item.configuration) == ("Check-in", 15, "pair")


def test_choosing_a_work_form_fills_in_title_and_duration(client, facilitator, meeting):
    client.force_login(facilitator)
    response = client.post(
        _url("agenda", meeting), {"new-work_form_key": "check-in-check-out"}, **HTMX
    )
    assert response.status_code == 200
    assert b'id="agenda-editor"' in response.content
    assert b"<html" not in response.content
    item = meeting.agenda_items.get()
    assert item.work_form_key == "check-in-check-out"
    assert item.duration_minutes == 10
    assert item.title


def test_an_item_without_title_or_duration_gets_a_clear_message(client, facilitator, meeting):
    client.force_login(facilitator)
    response = client.post(_url("agenda", meeting), {"new-notes": "?"}, **HTMX)
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not meeting.agenda_items.exists()


def test_a_forged_work_form_key_is_refused(client, facilitator, meeting):
    client.force_login(facilitator)
    client.post(_url("agenda", meeting), {"new-work_form_key": "nope", "new-title": "x"})
    assert not meeting.agenda_items.exists()


def test_an_item_led_by_a_member_of_another_cop_is_refused(client, facilitator, outsider, meeting):
    client.force_login(facilitator)
    stranger = Membership.objects.get(user=outsider)
    client.post(
        _url("agenda", meeting),
        {"new-title": "x", "new-duration_minutes": "5", "new-led_by": stranger.pk},
    )
    assert not meeting.agenda_items.exists()


def test_initiator_edits_an_item(client, initiator, participant, meeting):
    item = _item(meeting, "Ronde", 0)
    led = Membership.objects.get(user=participant)
    client.force_login(initiator)
    url = _url("agenda_item_edit", meeting, item_pk=item.pk)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Rondje", "duration_minutes": "25", "led_by": led.pk, "tgi_focus": "we"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.led_by, item.tgi_focus) == (
        "Rondje",
        25,
        led,
        "we",
    )


def test_facilitator_removes_an_item_after_confirming(client, facilitator, meeting):
    _first, second, _third = (_item(meeting, t, i) for i, t in enumerate("abc"))
    client.force_login(facilitator)
    url = _url("agenda_item_delete", meeting, item_pk=second.pk)
    editor = client.get(_url("agenda", meeting)).content.decode()
    assert f'href="{url}"' in editor  # the editor links to the question, it does not delete
    question = client.get(url)
    assert question.status_code == 200
    assert "\u2018b\u2019" in question.content.decode()  # Dutch quotes
    assert _titles(meeting) == ["a", "b", "c"]
    response = client.post(url)
    assert response.status_code == 302
    assert _titles(meeting) == ["a", "c"]
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [0, 1]


@pytest.mark.parametrize("htmx", [False, True])
def test_facilitator_moves_items_up_and_down(client, facilitator, meeting, htmx):
    items = [_item(meeting, t, i) for i, t in enumerate("abc")]
    client.force_login(facilitator)
    extra = HTMX if htmx else {}
    response = client.post(
        _url("agenda_item_move", meeting, item_pk=items[2].pk), {"direction": "up"}, **extra
    )
    assert response.status_code == (200 if htmx else 302)
    assert _titles(meeting) == ["a", "c", "b"]
    client.post(
        _url("agenda_item_move", meeting, item_pk=items[0].pk), {"direction": "down"}, **extra
    )
    assert _titles(meeting) == ["c", "a", "b"]
    # At the edge nothing moves.
    client.post(
        _url("agenda_item_move", meeting, item_pk=items[2].pk), {"direction": "up"}, **extra
    )
    assert _titles(meeting) == ["c", "a", "b"]


def test_move_needs_a_direction(client, facilitator, meeting):
    item = _item(meeting, "a", 0)
    client.force_login(facilitator)
    response = client.post(_url("agenda_item_move", meeting, item_pk=item.pk), {"direction": "x"})
    assert response.status_code == 302


def test_move_refuses_get_and_delete_only_asks_on_get(client, facilitator, meeting):
    item = _item(meeting, "a", 0)
    client.force_login(facilitator)
    assert client.get(_url("agenda_item_delete", meeting, item_pk=item.pk)).status_code == 200
    assert client.get(_url("agenda_item_move", meeting, item_pk=item.pk)).status_code == 405
    assert meeting.agenda_items.exists()


# Permissions


def test_participant_reads_the_agenda_on_the_meeting_page_but_cannot_edit(
    client, participant, meeting
):
    item = _item(meeting, "Intervisie", 0)
    client.force_login(participant)
    page = client.get(_url("detail", meeting))
    assert page.status_code == 200
    assert b"Intervisie" in page.content
    assert _url("agenda", meeting).encode() not in page.content
    assert client.get(_url("agenda", meeting)).status_code == 403
    assert client.post(_url("agenda", meeting), {"new-title": "x"}).status_code == 403
    assert client.post(_url("agenda_item_delete", meeting, item_pk=item.pk)).status_code == 403
    assert meeting.agenda_items.count() == 1


def test_observer_reads_the_agenda(client, observer, meeting):
    _item(meeting, "Intervisie", 0)
    client.force_login(observer)
    page = client.get(_url("detail", meeting))
    assert page.status_code == 200
    assert b"Intervisie" in page.content
    assert client.get(_url("agenda", meeting)).status_code == 403


def test_outsider_gets_404(client, outsider, meeting):
    item = _item(meeting, "a", 0)
    client.force_login(outsider)
    assert client.get(_url("agenda", meeting)).status_code == 404
    assert client.post(_url("agenda_item_delete", meeting, item_pk=item.pk)).status_code == 404
    assert meeting.agenda_items.exists()


def test_anonymous_is_asked_to_log_in(client, meeting):
    assert client.get(_url("agenda", meeting)).status_code == 302


def test_a_meeting_or_item_of_another_cop_is_404(client, initiator, meeting):
    other = Meeting.objects.create(
        community=CommunityFactory(),
        title="Elders",
        starts_at=timezone.now(),
        duration_minutes=60,
    )
    foreign_item = _item(other, "x", 0)
    client.force_login(initiator)
    url = reverse("meetings:agenda", kwargs={"slug": meeting.community.slug, "pk": other.pk})
    assert client.get(url).status_code == 404
    for name in ("agenda_item_delete", "agenda_item_move"):
        response = client.post(_url(name, meeting, item_pk=foreign_item.pk), {"direction": "up"})
        assert response.status_code == 404
    assert client.get(_url("agenda_item_edit", meeting, item_pk=foreign_item.pk)).status_code == 404
    assert other.agenda_items.exists()


# Query budget: the meeting page with the agenda part


@pytest.mark.parametrize("count", [3, 30])
def test_meeting_page_query_budget(
    client, initiator, participant, meeting, count, django_assert_max_num_queries
):
    led = Membership.objects.get(user=participant)
    for index in range(count):
        _item(meeting, f"Item {index}", index, 3, led_by=led, work_form_key="check-in-check-out")
    client.force_login(initiator)
    # The meeting page itself (with the viewer's focus and the proposals waiting), and what other
    # steps add to it (roles, polls, experiments). The count does not grow with the items.
    with django_assert_max_num_queries(16):
        response = client.get(_url("detail", meeting))
    assert response.status_code == 200


# Agenda signals on hand-made agendas


def _levels(items, minutes=120):
    return {c.key: c.level for c in checks.agenda_checks(items, minutes)}


def test_an_agenda_longer_than_the_meeting_warns():
    items = [ItemFacts("a", 90), ItemFacts("b", 45)]
    duration = checks.check_duration(items, 120)
    assert duration.level == checks.WARNING
    assert duration.data["difference"] == 15
    assert checks.check_duration(items[:1], 120).level == checks.OK


def test_everything_plenary_warns_and_a_mix_does_not():
    plenary = [ItemFacts("a", 10, "plenary"), ItemFacts("b", 10, form_stages=("plenary",))]
    assert checks.check_configuration(plenary).level == checks.WARNING
    mixed = [*plenary, ItemFacts("c", 10, form_stages=("solo", "pair", "plenary"))]
    assert checks.check_configuration(mixed).level == checks.OK
    assert checks.check_configuration([ItemFacts("a", 10)]).level == checks.INFO


def test_tgi_balance_counts_each_focus_and_names_the_missing_ones():
    items = [
        ItemFacts("a", 10, tgi_focus="i"),
        ItemFacts("b", 10, form_tgi=("we", "it")),
        ItemFacts("c", 10, tgi_focus="it", form_tgi=("globe",)),  # the planner's choice wins
    ]
    check = checks.check_tgi(items)
    assert check.data["counts"] == {"i": 1, "we": 1, "it": 2, "globe": 0}
    assert check.data["missing"] == ["globe"]
    assert check.level == checks.WARNING
    assert checks.check_tgi([*items, ItemFacts("d", 5, tgi_focus="globe")]).level == checks.OK


@pytest.mark.parametrize(
    "first, connecting",
    [
        (ItemFacts("Welkom", 10, "pair"), True),
        (ItemFacts("Kennismaking", 10, "plenary"), True),
        (ItemFacts("Check-in", 10), True),
        (ItemFacts("Opening", 10, form_purposes=("connect",)), True),
        (ItemFacts("Presentatie", 30, "plenary"), False),
        (ItemFacts("1-2-4-All", 12, form_stages=("solo", "pair", "quad")), False),
    ],
)
def test_connection_before_content(first, connecting):
    level = checks.check_connection([first, ItemFacts("Inhoud", 30)]).level
    assert level == (checks.OK if connecting else checks.WARNING)


def test_the_agenda_page_shows_the_too_long_warning(client, facilitator, meeting):
    _item(meeting, "Lang verhaal", 0, minutes=150)
    client.force_login(facilitator)
    response = client.get(_url("agenda", meeting))
    assert b"agenda-signal--warning" in response.content
    assert b"150" in response.content


# The four sides of the programme's work forms


def test_one_or_two_sides_warn_three_or_four_do_not():
    rational = ItemFacts("a", 10, form_sides=("rational",))
    creative = ItemFacts("b", 10, form_sides=("rational", "creative"))
    physical = ItemFacts("c", 10, form_sides=("physical",))
    assert checks.check_sides([rational]).level == checks.WARNING
    two = checks.check_sides([rational, creative])
    assert two.level == checks.WARNING
    assert two.data == {"used": ["rational", "creative"], "missing": ["physical", "intuitive"]}
    assert checks.check_sides([rational, creative, physical]).level == checks.OK
    assert checks.check_sides([ItemFacts("Pauze", 15)]).level == checks.INFO
    assert checks.check_sides([]).level == checks.INFO


def _sides_signal(client, meeting):
    response = client.get(_url("agenda", meeting))
    signal = next(s for s in response.context["agenda"].signals if s.key == "sides")
    assert signal.text in response.content.decode()
    return signal


def test_the_agenda_page_names_the_sides_a_programme_leaves_out(client, facilitator, meeting):
    _item(meeting, "World café", 0, 45, work_form_key="world-cafe")  # rational, creative
    client.force_login(facilitator)
    signal = _sides_signal(client, meeting)
    assert signal.level == checks.WARNING
    assert "rationeel, creatief" in signal.text  # the Dutch UI: used, then left out
    assert "fysiek, intuïtief" in signal.text
    _item(meeting, "Wandeling", 1, 30, work_form_key="walk-and-talk")  # physical, intuitive
    assert _sides_signal(client, meeting).level == checks.OK

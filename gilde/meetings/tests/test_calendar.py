from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Role
from gilde.meetings import services
from gilde.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    Rsvp,
)
from gilde.meetings.scheduling import AMSTERDAM
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, slug="circulair", **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": slug, **kwargs})


def make_meeting(community, starts_at=None, **fields):
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    return Meeting.objects.create(
        community=community,
        title=fields.pop("title", "Bijeenkomst"),
        starts_at=starts_at,
        duration_minutes=fields.pop("duration_minutes", 120),
        **fields,
    )


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def schedule_data(**overrides):
    # 2029 lies ahead of any test run and inside the years the school holidays are known for.
    data = {
        "first_date": "2029-01-08",
        "cadence_weeks": "6",
        "count": "5",
        "until": "",
        "weekday": "1",
        "start_time": "19:00",
        "duration_minutes": "150",
        "place": "Buurthuis De Kroon",
        "online_link": "",
        "school_region": "",
        "title_pattern": "Bijeenkomst {n}",
        "replaces": "",
        "action": "preview",
    }
    data.update(overrides)
    return data


# The calendar


def test_calendar_lists_upcoming_first_then_past(client, cop, participant):
    now = timezone.now()
    past = make_meeting(cop, now - timedelta(days=30), title="Vorige", status=MeetingStatus.HELD)
    soon = make_meeting(cop, now + timedelta(days=3), title="Straks")
    later = make_meeting(
        cop, now + timedelta(days=40), title="Later", status=MeetingStatus.CANCELLED
    )
    client.force_login(participant)
    response = client.get(url("calendar"))
    assert response.status_code == 200
    assert response.context["upcoming"] == [soon, later]
    assert response.context["past"] == [past]
    html = response.content.decode()
    assert html.index("Straks") < html.index("Later") < html.index("Vorige")
    assert "Afgelast" in html or "Cancelled" in html
    assert url("ics", pk=soon.pk) in html
    assert url("schedule") not in html  # participants do not plan


def test_calendar_shows_dates_in_the_users_language(client, cop, participant):
    make_meeting(cop, local(2029, 3, 13, 19, 0), title="Maart")
    client.force_login(participant)
    assert "di 13 maart 2029" in client.get(url("calendar")).content.decode()
    participant.language = "en"
    participant.save()
    assert "Tue 13 March 2029" in client.get(url("calendar")).content.decode()


@pytest.mark.parametrize("count", [13, 100])
def test_calendar_query_budget(client, cop, facilitator, count, django_assert_max_num_queries):
    start = timezone.now() - timedelta(weeks=count // 2)
    for index in range(count):
        make_meeting(cop, start + timedelta(weeks=index), title=f"Bijeenkomst {index + 1}")
    client.force_login(facilitator)
    with django_assert_max_num_queries(10):
        response = client.get(url("calendar"))
    assert len(response.context["upcoming"]) + len(response.context["past"]) == count


# The schedule generator


def test_schedule_form_starts_from_the_cops_defaults(client, cop, initiator):
    cop.cadence_weeks = 4
    cop.save()
    client.force_login(initiator)
    response = client.get(url("schedule"))
    form = response.context["form"]
    assert form.initial["cadence_weeks"] == 4
    assert form.initial["until"] == cop.end_date


def test_preview_shows_the_dates_and_creates_nothing(client, cop, facilitator):
    client.force_login(facilitator)
    # Friday 27 April 2029 is Koningsdag: that meeting moves to Thursday 26 April.
    data = schedule_data(first_date="2029-03-16", weekday="4", cadence_weeks="6", count="3")
    response = client.post(url("schedule"), data)
    assert response.status_code == 200
    planned = response.context["planned"]
    assert [p.date for p in planned] == [date(2029, 3, 16), date(2029, 4, 26), date(2029, 6, 8)]
    assert planned[1].moved_from == date(2029, 4, 27)
    html = response.content.decode()
    assert "Koningsdag" in html
    assert 'value="confirm"' in html
    assert not Meeting.objects.exists()


def test_confirm_creates_the_meetings_in_amsterdam_time(client, cop, facilitator):
    client.force_login(facilitator)
    data = schedule_data(first_date="2029-03-06", cadence_weeks="4", count="3", action="confirm")
    response = client.post(url("schedule"), data)
    assert response.status_code == 302
    meetings = list(cop.meetings.order_by("starts_at"))
    assert [m.title for m in meetings] == ["Bijeenkomst 1", "Bijeenkomst 2", "Bijeenkomst 3"]
    # 6 March is winter time, 3 April summer time: both at 19:00 on the wall clock.
    assert [m.starts_at.astimezone(AMSTERDAM).hour for m in meetings] == [19, 19, 19]
    assert meetings[0].starts_at.astimezone(AMSTERDAM).utcoffset() == timedelta(hours=1)
    assert meetings[1].starts_at.astimezone(AMSTERDAM).utcoffset() == timedelta(hours=2)
    assert all(m.place == "Buurthuis De Kroon" and m.duration_minutes == 150 for m in meetings)


def test_school_region_is_avoided_and_saved(client, cop, facilitator):
    client.force_login(facilitator)
    # Summer 2029 region Zuid: the meeting of 17 July moves out of the holiday.
    data = schedule_data(first_date="2029-06-05", count="4", school_region="Zuid", action="confirm")
    client.post(url("schedule"), data)
    dates = [m.starts_at.astimezone(AMSTERDAM).date() for m in cop.meetings.all()]
    assert date(2029, 7, 17) not in dates
    assert len(dates) == 4
    assert MeetingSettings.objects.get(community=cop).school_region == "Zuid"


def test_regenerating_replaces_only_future_planned_meetings(client, cop, facilitator):
    now = timezone.now()
    held = make_meeting(cop, now - timedelta(days=60), title="Bijeenkomst 1", status="held")
    past = make_meeting(cop, now - timedelta(days=20), title="Bijeenkomst 2")
    cancelled = make_meeting(
        cop, now + timedelta(days=10), title="Bijeenkomst 3", status="cancelled"
    )
    future = [make_meeting(cop, now + timedelta(days=d), title="Oud") for d in (20, 60)]
    client.force_login(facilitator)

    preview = client.post(url("schedule"), schedule_data(count="2"))
    assert preview.context["replaced"] == future
    assert "2 planned meetings" in preview.content.decode() or "2 geplande" in (
        preview.content.decode()
    )
    confirm = schedule_data(
        count="2", action="confirm", replaces=",".join(str(m.pk) for m in future)
    )
    assert client.post(url("schedule"), confirm).status_code == 302

    remaining = set(cop.meetings.values_list("pk", flat=True))
    assert {held.pk, past.pk, cancelled.pk} <= remaining
    assert not remaining & {m.pk for m in future}
    titles = sorted(
        cop.meetings.exclude(pk__in=[held.pk, past.pk, cancelled.pk]).values_list(
            "title", flat=True
        )
    )
    assert titles == ["Bijeenkomst 4", "Bijeenkomst 5"]


def test_confirm_with_a_changed_calendar_shows_the_preview_again(client, cop, facilitator):
    make_meeting(cop, timezone.now() + timedelta(days=20))
    client.force_login(facilitator)
    # The preview showed nothing to replace, but now there is a planned meeting.
    response = client.post(url("schedule"), schedule_data(action="confirm", replaces=""))
    assert response.status_code == 200
    assert response.context["preview"]
    assert cop.meetings.count() == 1


def test_confirming_twice_does_not_double_the_series(client, cop, facilitator):
    client.force_login(facilitator)
    data = schedule_data(action="confirm")
    client.post(url("schedule"), data)
    client.post(url("schedule"), data)  # the same form sent again
    assert cop.meetings.count() == 5


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"until": "2029-01-01", "count": ""}, "until"),  # before the first date
        ({"cadence_weeks": "0"}, "cadence_weeks"),
        ({"cadence_weeks": "27"}, "cadence_weeks"),
        ({"count": "101"}, "count"),
        ({"count": "", "until": "2031-12-31", "cadence_weeks": "1"}, "until"),  # > 100 dates
        ({"count": "", "until": ""}, "count"),
        ({"first_date": "2020-01-07"}, "first_date"),
        ({"title_pattern": "Bijeenkomst"}, "title_pattern"),
        ({"weekday": "6"}, "weekday"),
        ({"start_time": "25:00"}, "start_time"),
    ],
)
def test_bad_schedule_input_gives_a_message_and_creates_nothing(
    client, cop, facilitator, overrides, field
):
    client.force_login(facilitator)
    response = client.post(url("schedule"), schedule_data(action="confirm", **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "error-summary" in response.content.decode()
    assert not Meeting.objects.exists()


# One meeting


def test_detail_shows_the_meeting(client, cop, observer):
    meeting = make_meeting(
        cop, local(2029, 3, 13, 19, 0), place="Buurthuis", online_link="https://meet.example.org/x"
    )
    client.force_login(observer)
    response = client.get(url("detail", pk=meeting.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "19:00–21:00" in html and "Buurthuis" in html
    assert "https://meet.example.org/x" in html
    assert url("edit", pk=meeting.pk) not in html


@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_budget(client, cop, facilitator, rows, django_assert_max_num_queries):
    meeting = make_meeting(cop)
    for index in range(rows):
        membership = MembershipFactory(community=cop, role=Role.PARTICIPANT)
        AgendaItem.objects.create(
            meeting=meeting,
            position=index,
            title=f"Onderdeel {index}",
            duration_minutes=5,
            led_by=membership,
        )
        Attendance.objects.create(meeting=meeting, membership=membership, response=Rsvp.YES)
    client.force_login(facilitator)
    # The meeting page itself (with the viewer's focus and the proposals waiting), and what other
    # steps add to it (roles, polls, experiments). The count does not grow with the items.
    with django_assert_max_num_queries(16):
        response = client.get(url("detail", pk=meeting.pk))
    assert response.status_code == 200


def test_edit_raises_the_sequence_on_every_change(client, cop, facilitator):
    meeting = make_meeting(cop, local(2029, 3, 13, 19, 0), place="Buurthuis")
    client.force_login(facilitator)
    data = {
        "title": "Bijeenkomst 1",
        "date": "2029-03-13",
        "start_time": "19:30",
        "duration_minutes": "120",
        "place": "Bibliotheek",
        "online_link": "",
        "status": "planned",
    }
    assert client.post(url("edit", pk=meeting.pk), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.place == "Bibliotheek"
    assert meeting.starts_at == local(2029, 3, 13, 19, 30)
    client.post(url("edit", pk=meeting.pk), {**data, "status": "cancelled"})
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.status) == (2, "cancelled")
    client.post(url("edit", pk=meeting.pk), {**data, "status": "cancelled"})  # no change
    meeting.refresh_from_db()
    assert meeting.sequence == 2


@pytest.mark.parametrize(
    ("day", "code"), [("2029-03-25", "nonexistent"), ("2029-10-28", "ambiguous")]
)
def test_edit_refuses_times_that_dst_skips_or_repeats(client, cop, facilitator, day, code):
    meeting = make_meeting(cop, local(2029, 3, 13, 19, 0))
    client.force_login(facilitator)
    data = {
        "title": "Nacht",
        "date": day,
        "start_time": "02:30",
        "duration_minutes": "60",
        "place": "",
        "online_link": "",
        "status": "planned",
    }
    response = client.post(url("edit", pk=meeting.pk), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("start_time", code)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Bijeenkomst", 0)


def test_a_future_meeting_cannot_be_marked_held(client, cop, facilitator):
    meeting = make_meeting(cop, local(2029, 3, 13, 19, 0))
    client.force_login(facilitator)
    data = {
        "title": "Bijeenkomst",
        "date": "2029-03-13",
        "start_time": "19:00",
        "duration_minutes": "120",
        "place": "",
        "online_link": "",
        "status": "held",
    }
    response = client.post(url("edit", pk=meeting.pk), data)
    assert response.context["form"].errors["status"]


def test_meeting_update_without_change_keeps_the_sequence(cop):
    meeting = make_meeting(cop, place="Buurthuis")
    assert not services.meeting_update(meeting=meeting, place="Buurthuis")
    assert services.meeting_update(meeting=meeting, place="Bibliotheek")
    meeting.refresh_from_db()
    assert meeting.sequence == 1


# Permissions

READ_VIEWS = ["calendar", "detail", "ics"]
PLAN_VIEWS = ["schedule", "edit"]


def _kwargs(name, meeting):
    return {"pk": meeting.pk} if name in ("detail", "ics", "edit") else {}


@pytest.mark.parametrize("name", READ_VIEWS)
@pytest.mark.parametrize("persona", ["participant", "observer", "facilitator", "initiator"])
def test_members_read_the_calendar(client, cop, personas, persona, name):
    meeting = make_meeting(cop)
    client.force_login(personas[persona])
    assert client.get(url(name, **_kwargs(name, meeting))).status_code == 200


@pytest.mark.parametrize("name", PLAN_VIEWS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("participant", 403), ("observer", 403), ("facilitator", 200), ("initiator", 200)],
)
def test_only_initiator_and_facilitators_plan(client, cop, personas, persona, status, name):
    meeting = make_meeting(cop)
    client.force_login(personas[persona])
    assert client.get(url(name, **_kwargs(name, meeting))).status_code == status
    assert client.post(url(name, **_kwargs(name, meeting)), {}).status_code == status


def test_participant_cannot_schedule_by_post(client, cop, participant):
    client.force_login(participant)
    response = client.post(url("schedule"), schedule_data(action="confirm"))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("name", READ_VIEWS + PLAN_VIEWS)
def test_outsider_gets_404(client, cop, outsider, name):
    meeting = make_meeting(cop)
    client.force_login(outsider)
    assert client.get(url(name, **_kwargs(name, meeting))).status_code == 404


@pytest.mark.parametrize("name", READ_VIEWS + PLAN_VIEWS)
def test_anonymous_is_asked_to_log_in(client, cop, name):
    meeting = make_meeting(cop)
    response = client.get(url(name, **_kwargs(name, meeting)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["detail", "ics", "edit"])
def test_meeting_of_another_cop_is_404(client, cop, initiator, name):
    other = CommunityFactory(slug="elders")
    MembershipFactory(community=other, user=UserFactory(), role=Role.INITIATOR)
    meeting = make_meeting(other)
    client.force_login(initiator)
    assert client.get(url(name, pk=meeting.pk)).status_code == 404

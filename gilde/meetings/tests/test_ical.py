import hashlib
from datetime import datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Policy, Role
from gilde.meetings import ical, services
from gilde.meetings.models import CalendarToken, Meeting, MeetingStatus
from gilde.meetings.scheduling import AMSTERDAM
from tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def url(name, slug="circulair", **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": slug, **kwargs})


def make_meeting(community, starts_at, **fields):
    return Meeting.objects.create(
        community=community,
        title=fields.pop("title", "Bijeenkomst"),
        starts_at=starts_at,
        duration_minutes=fields.pop("duration_minutes", 120),
        **fields,
    )


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> list:
    return calendar.walk("VEVENT")


# One meeting as a download


def test_meeting_ics_has_every_field(client, cop, participant):
    meeting = make_meeting(
        cop,
        datetime(2029, 1, 16, 19, 0, tzinfo=AMSTERDAM),
        title="Bijeenkomst 3",
        place="Buurthuis De Kroon",
        online_link="https://meet.example.org/gilde",
    )
    client.force_login(participant)
    response = client.get(url("ics", pk=meeting.pk))
    assert response["Content-Disposition"].startswith("attachment;")
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    [event] = events(calendar)
    assert str(event["UID"]) == f"{meeting.uid}@gilde"
    assert event["SEQUENCE"] == 0
    assert event["SUMMARY"] == "Bijeenkomst 3"
    assert event["LOCATION"] == "Buurthuis De Kroon"
    assert event["DESCRIPTION"] == "https://meet.example.org/gilde"
    assert event["URL"] == f"http://testserver{url('detail', pk=meeting.pk)}"
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTAMP").tzinfo is not None
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert (start.hour, start.minute, end.hour) == (19, 0, 21)
    [tz] = calendar.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Amsterdam"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_online_meeting_uses_the_link_as_location(client, cop, participant):
    meeting = make_meeting(
        cop, timezone.now() + timedelta(days=3), online_link="https://meet.example.org/x"
    )
    client.force_login(participant)
    [event] = events(parse(client.get(url("ics", pk=meeting.pk))))
    assert event["LOCATION"] == "https://meet.example.org/x"


def test_winter_and_summer_meetings_both_start_at_19_local(client, cop, participant):
    winter = make_meeting(cop, datetime(2029, 1, 16, 19, 0, tzinfo=AMSTERDAM), title="Winter")
    summer = make_meeting(cop, datetime(2029, 7, 17, 19, 0, tzinfo=AMSTERDAM), title="Zomer")
    client.force_login(participant)
    response = client.get(url("feed"))
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20290116T190000" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20290717T190000" in text
    by_title = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events(parse(response))}
    assert by_title["Winter"] == winter.starts_at
    assert by_title["Zomer"] == summer.starts_at
    assert by_title["Winter"].utcoffset() == timedelta(hours=1)
    assert by_title["Zomer"].utcoffset() == timedelta(hours=2)


def test_vtimezone_rules_give_the_right_offsets():
    """Read the VTIMEZONE back as a calendar app would, independent of the server's zoneinfo."""
    tz = ical.amsterdam_vtimezone().to_tz()
    assert datetime(2029, 1, 16, 19, 0, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2029, 7, 17, 19, 0, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2029, 3, 25, 3, 30, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2029, 10, 28, 3, 30, tzinfo=tz).utcoffset() == timedelta(hours=1)


def test_sequence_rises_with_every_change(client, cop, facilitator):
    meeting = make_meeting(cop, datetime(2029, 1, 16, 19, 0, tzinfo=AMSTERDAM))
    client.force_login(facilitator)
    sequences = []
    for place in ("Buurthuis", "Bibliotheek", "Stadhuis"):
        services.meeting_update(meeting=meeting, place=place)
        [event] = events(parse(client.get(url("ics", pk=meeting.pk))))
        sequences.append(event["SEQUENCE"])
        assert str(event["UID"]) == f"{meeting.uid}@gilde"  # the same event, changed
    assert sequences == [1, 2, 3]


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(client, cop, participant):
    kept = make_meeting(cop, timezone.now() + timedelta(days=5), title="Gaat door")
    gone = make_meeting(cop, timezone.now() + timedelta(days=9), title="Gaat niet door")
    services.meeting_update(meeting=gone, status=MeetingStatus.CANCELLED)
    client.force_login(participant)
    status = {
        str(e["SUMMARY"]): (e["STATUS"], e["SEQUENCE"])
        for e in events(parse(client.get(url("feed"))))
    }
    assert status == {kept.title: ("CONFIRMED", 0), gone.title: ("CANCELLED", 1)}


def test_ics_round_trips_through_icalendar_without_loss(cop):
    meeting = make_meeting(
        cop, datetime(2029, 5, 1, 14, 0, tzinfo=AMSTERDAM), title="Één; twee, drie"
    )
    content = ical.meetings_calendar([meeting], lambda m: "https://gilde.example/x", name="CoP")
    again = icalendar.Calendar.from_ical(content)
    assert again.to_ical() == content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert str(events(again)[0]["SUMMARY"]) == "Één; twee, drie"


# The CoP's feed


@pytest.fixture
def open_cop(db):
    return CommunityFactory(slug="open-cop", policy=Policy.OPEN, listed=True)


def test_open_cop_feed_is_public(client, open_cop):
    make_meeting(open_cop, timezone.now() + timedelta(days=3))
    calendar = parse(client.get(url("feed", slug=open_cop.slug)))
    assert len(events(calendar)) == 1


def test_closed_cop_feed_without_token_is_404(client, cop):
    make_meeting(cop, timezone.now() + timedelta(days=3))
    assert client.get(url("feed")).status_code == 404
    assert client.get(url("feed") + "?token=nonsense").status_code == 404
    assert client.get(url("feed", slug="no-such-cop")).status_code == 404


def test_closed_cop_feed_with_a_members_token(client, cop, participant):
    make_meeting(cop, timezone.now() + timedelta(days=3))
    token = services.calendar_token_create(user=participant)
    response = client.get(url("feed") + f"?token={token}")
    assert len(events(parse(response))) == 1
    assert response["Cache-Control"] == "private, no-store"
    stored = CalendarToken.objects.get(user=participant)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.digest


def test_revoked_token_opens_nothing(client, cop, participant):
    token = services.calendar_token_create(user=participant)
    services.calendar_token_revoke(user=participant)
    assert client.get(url("feed") + f"?token={token}").status_code == 404


def test_new_token_replaces_the_old_one(client, cop, participant):
    old = services.calendar_token_create(user=participant)
    new = services.calendar_token_create(user=participant)
    assert client.get(url("feed") + f"?token={old}").status_code == 404
    assert client.get(url("feed") + f"?token={new}").status_code == 200


def test_token_of_a_non_member_opens_nothing(client, cop, outsider):
    token = services.calendar_token_create(user=outsider)
    assert client.get(url("feed") + f"?token={token}").status_code == 404
    assert client.get(url("feed", slug="andere") + f"?token={token}").status_code == 200


def test_token_stops_when_the_member_leaves(client, cop, participant):
    token = services.calendar_token_create(user=participant)
    cop.memberships.filter(user=participant).delete()
    assert client.get(url("feed") + f"?token={token}").status_code == 404


def test_logged_in_member_reads_the_closed_feed_without_token(client, cop, observer, outsider):
    client.force_login(observer)
    assert client.get(url("feed")).status_code == 200
    client.force_login(outsider)
    assert client.get(url("feed")).status_code == 404


# Personal calendar tokens


def test_member_makes_a_token_and_sees_the_address_once(client, cop, participant):
    client.force_login(participant)
    response = client.post(url("calendar_token"))
    assert response.status_code == 302
    page = client.get(url("calendar")).content.decode()
    feed_url = f"http://testserver{url('feed')}?token="
    assert feed_url in page
    token = page.split(feed_url, 1)[1].split('"', 1)[0]
    assert client.get(url("feed") + f"?token={token}").status_code == 200
    assert feed_url not in client.get(url("calendar")).content.decode()


def test_a_new_token_revokes_the_old_ones(client, cop, participant):
    client.force_login(participant)
    client.post(url("calendar_token"))
    client.post(url("calendar_token"))
    tokens = CalendarToken.objects.filter(user=participant)
    assert tokens.count() == 2
    assert tokens.filter(revoked_at__isnull=True).count() == 1


def test_member_revokes_their_tokens(client, cop, observer):
    client.force_login(observer)
    client.post(url("calendar_token"))
    assert client.post(url("calendar_token_revoke")).status_code == 302
    assert not CalendarToken.objects.filter(user=observer, revoked_at__isnull=True).exists()


@pytest.mark.parametrize("name", ["calendar_token", "calendar_token_revoke"])
def test_token_views_only_take_post(client, cop, participant, name):
    client.force_login(participant)
    assert client.get(url(name)).status_code == 405


@pytest.mark.parametrize("name", ["calendar_token", "calendar_token_revoke"])
def test_token_views_refuse_outsiders_and_anonymous(client, cop, outsider, name):
    response = client.post(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(outsider)
    assert client.post(url(name)).status_code == 404
    assert not CalendarToken.objects.exists()


def test_feed_query_budget(client, cop, participant, django_assert_max_num_queries):
    MembershipFactory(community=cop, role=Role.PARTICIPANT)
    for day in range(30):
        make_meeting(cop, timezone.now() + timedelta(days=day))
    token = services.calendar_token_create(user=participant)
    with django_assert_max_num_queries(4):
        response = client.get(url("feed") + f"?token={token}")
    assert len(events(parse(response))) == 30


# What the public feed carries (issue 9, item 10): when, not where.

PLACE = "Buurthuis De Kroon, Waaldonk"
LINK = "https://meet.example.org/gilde?pwd=geheim123"


@pytest.fixture
def open_member(open_cop):
    membership = MembershipFactory(community=open_cop, role=Role.PARTICIPANT)
    make_meeting(
        open_cop,
        timezone.now() + timedelta(days=3),
        title="Bijeenkomst 1",
        place=PLACE,
        online_link=LINK,
    )
    return membership.user


def test_public_feed_of_an_open_cop_shows_when_but_not_where(client, open_member, open_cop):
    response = client.get(url("feed", slug=open_cop.slug))
    [event] = events(parse(response))
    assert str(event["SUMMARY"]) == "Bijeenkomst 1"
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART")
    assert "LOCATION" not in event
    assert "DESCRIPTION" not in event
    text = response.content.decode()
    assert "Buurthuis" not in text
    assert "meet.example.org" not in text and "geheim123" not in text
    assert "no-store" not in response.get("Cache-Control", "")


def test_logged_in_outsider_gets_the_public_feed_of_an_open_cop(
    client, open_member, open_cop, outsider
):
    client.force_login(outsider)
    [event] = events(parse(client.get(url("feed", slug=open_cop.slug))))
    assert "LOCATION" not in event and "DESCRIPTION" not in event


def test_personal_token_feed_of_an_open_cop_carries_place_and_link(client, open_member, open_cop):
    token = services.calendar_token_create(user=open_member)
    response = client.get(url("feed", slug=open_cop.slug) + f"?token={token}")
    [event] = events(parse(response))
    assert event["LOCATION"] == PLACE
    assert event["DESCRIPTION"] == LINK
    assert response["Cache-Control"] == "private, no-store"


def test_member_session_reads_the_whole_open_feed(client, open_member, open_cop):
    client.force_login(open_member)
    [event] = events(parse(client.get(url("feed", slug=open_cop.slug))))
    assert event["LOCATION"] == PLACE


def test_a_token_that_opens_nothing_is_404_also_for_an_open_cop(
    client, open_member, open_cop, outsider
):
    assert client.get(url("feed", slug=open_cop.slug) + "?token=nonsense").status_code == 404
    stranger = services.calendar_token_create(user=outsider)
    assert client.get(url("feed", slug=open_cop.slug) + f"?token={stranger}").status_code == 404
    revoked = services.calendar_token_create(user=open_member)
    services.calendar_token_revoke(user=open_member)
    assert client.get(url("feed", slug=open_cop.slug) + f"?token={revoked}").status_code == 404


def test_closed_cop_token_feed_carries_place_and_link(client, cop, participant):
    make_meeting(cop, timezone.now() + timedelta(days=3), place=PLACE, online_link=LINK)
    token = services.calendar_token_create(user=participant)
    [event] = events(parse(client.get(url("feed") + f"?token={token}")))
    assert (event["LOCATION"], event["DESCRIPTION"]) == (PLACE, LINK)


def test_open_cop_calendar_offers_a_personal_and_the_public_address(client, open_member, open_cop):
    client.force_login(open_member)
    page = client.get(url("calendar", slug=open_cop.slug)).content.decode()
    assert f'value="http://testserver{url("feed", slug=open_cop.slug)}"' in page
    assert url("calendar_token", slug=open_cop.slug) in page
    client.post(url("calendar_token", slug=open_cop.slug))
    page = client.get(url("calendar", slug=open_cop.slug)).content.decode()
    feed_url = f"http://testserver{url('feed', slug=open_cop.slug)}?token="
    token = page.split(feed_url, 1)[1].split('"', 1)[0]
    [event] = events(parse(client.get(url("feed", slug=open_cop.slug) + f"?token={token}")))
    assert event["LOCATION"] == PLACE

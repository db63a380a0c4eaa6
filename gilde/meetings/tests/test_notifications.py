"""Who hears about meetings, and the page where people choose how."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.meetings import notifications as n
from gilde.meetings.models import (
    Meeting,
    MeetingFacilitator,
    MeetingStatus,
    NotificationMode,
    NotificationPreference,
)

URL = "/notifications/"


def _meeting(cop, starts_in: timedelta, **fields) -> Meeting:
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst",
        starts_at=timezone.now() + starts_in,
        duration_minutes=120,
        **fields,
    )


def test_url_name():
    assert reverse("meetings:notification_preference") == URL


def test_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona", ["outsider", "participant", "observer", "facilitator", "initiator"]
)
def test_every_logged_in_person_chooses_their_own_preference(client, personas, persona):
    client.force_login(personas[persona])
    response = client.get(URL)
    assert response.status_code == 200
    assert b'value="each"' in response.content


def test_choosing_the_digest_is_saved(client, participant):
    client.force_login(participant)
    response = client.post(URL, {"mode": NotificationMode.DIGEST})
    assert response.status_code == 302
    assert participant.notification_preference.mode == NotificationMode.DIGEST

    client.post(URL, {"mode": NotificationMode.OFF})
    assert NotificationPreference.objects.get(user=participant).mode == NotificationMode.OFF
    assert NotificationPreference.objects.count() == 1


def test_an_unknown_choice_is_refused_with_a_message(client, participant):
    client.force_login(participant)
    response = client.post(URL, {"mode": "hourly"})
    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()


def test_preference_defaults_to_each(participant):
    assert n.preference_mode(participant) == NotificationMode.EACH


def test_attendees_are_initiators_facilitators_and_participants(cop, personas):
    meeting = _meeting(cop, timedelta(days=3))
    assert {u.email for u in n.meeting_attendees(meeting)} == {
        personas[p].email for p in ("initiator", "facilitator", "participant")
    }


def test_facilitators_fall_back_to_the_cops_facilitators(cop, personas):
    meeting = _meeting(cop, timedelta(days=3))
    assert n.meeting_facilitators(meeting) == [personas["facilitator"]]

    MeetingFacilitator.objects.create(
        meeting=meeting, membership=personas["participant"].memberships.get()
    )
    assert n.meeting_facilitators(meeting) == [personas["participant"]]


def test_windows(cop):
    now = timezone.now()
    in_two_days = _meeting(cop, timedelta(hours=47))
    in_a_week = _meeting(cop, timedelta(days=6, hours=20))
    cancelled = _meeting(cop, timedelta(hours=47), status=MeetingStatus.CANCELLED)
    just_ended = _meeting(cop, -timedelta(hours=2, minutes=5))
    long_ago = _meeting(cop, -timedelta(days=3))

    assert n.meetings_to_remind(now) == [in_two_days]
    assert n.meetings_to_prepare(now) == [in_a_week]
    assert n.meetings_with_new_evaluation(now) == [just_ended]
    assert cancelled not in n.meetings_to_remind(now)
    assert long_ago not in n.meetings_with_new_evaluation(now)


def test_digest_is_due_on_monday_mornings():
    monday = timezone.make_aware(timezone.datetime(2031, 3, 10, 6, 59))
    assert not n.digest_due(monday)
    assert n.digest_due(monday + timedelta(minutes=1))
    assert not n.digest_due(monday + timedelta(days=1, hours=2))


def test_digest_for_an_observer_is_empty(cop, observer):
    _meeting(cop, timedelta(days=1))
    assert not n.digest_for(observer, timezone.now())

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Membership
from gilde.meetings.models import Attendance, Meeting, Rsvp

pytestmark = pytest.mark.django_db


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def _meeting(cop, *, days=3, **fields):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 4",
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=120,
        **fields,
    )


def url(name, meeting, slug="circulair"):
    return reverse(f"meetings:{name}", kwargs={"slug": slug, "pk": meeting.pk})


def membership_of(cop, user):
    return Membership.objects.get(community=cop, user=user)


def test_participant_says_they_come(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    response = client.post(url("rsvp", meeting), {"response": "yes"})
    assert response.status_code == 302
    assert response["Location"] == url("detail", meeting)
    row = Attendance.objects.get(meeting=meeting)
    assert row.membership == membership_of(cop, participant)
    assert row.response == Rsvp.YES
    client.post(url("rsvp", meeting), {"response": "maybe"})
    assert Attendance.objects.get(meeting=meeting).response == Rsvp.MAYBE


def test_rsvp_with_htmx_returns_the_partial_with_who_comes(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    response = client.post(url("rsvp", meeting), {"response": "yes"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Piet Deelnemer" in response.content.decode()


def test_rsvp_refuses_nonsense_and_past_meetings(client, cop, participant):
    meeting = _meeting(cop)
    client.force_login(participant)
    client.post(url("rsvp", meeting), {"response": "perhaps"})
    past = _meeting(cop, days=-3)
    client.post(url("rsvp", past), {"response": "yes"})
    assert not Attendance.objects.exists()


def test_observer_cannot_rsvp(client, cop, observer):
    meeting = _meeting(cop)
    client.force_login(observer)
    assert client.post(url("rsvp", meeting), {"response": "yes"}).status_code == 403
    assert not Attendance.objects.exists()


def test_rsvp_is_post_only(client, cop, participant):
    client.force_login(participant)
    assert client.get(url("rsvp", _meeting(cop))).status_code == 405


def test_facilitator_records_who_was_there(client, cop, facilitator, participant, observer):
    meeting = _meeting(cop, days=-1)
    piet = membership_of(cop, participant)
    fenna = membership_of(cop, facilitator)
    Attendance.objects.create(meeting=meeting, membership=piet, response=Rsvp.YES)
    client.force_login(facilitator)
    page = client.get(url("attendance", meeting))
    assert page.status_code == 200
    assert "Olga Observer" not in page.content.decode()  # observers do not take part
    response = client.post(url("attendance", meeting), {"present": [str(fenna.pk)]})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, membership=fenna).present is True
    absent = Attendance.objects.get(meeting=meeting, membership=piet)
    assert absent.present is False and absent.response == Rsvp.YES


def test_recording_refuses_another_cops_member(client, cop, facilitator, outsider):
    meeting = _meeting(cop, days=-1)
    stranger = Membership.objects.get(user=outsider)
    client.force_login(facilitator)
    response = client.post(url("attendance", meeting), {"present": [str(stranger.pk)]})
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_attendance_cannot_be_recorded_before_the_meeting(client, cop, facilitator):
    meeting = _meeting(cop, days=2)
    fenna = membership_of(cop, facilitator)
    client.force_login(facilitator)
    response = client.post(url("attendance", meeting), {"present": [str(fenna.pk)]})
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_participant_cannot_record_attendance_or_edit_notes(client, cop, participant):
    meeting = _meeting(cop, days=-1, facilitator_notes="Let op: Piet domineert.")
    client.force_login(participant)
    assert client.get(url("attendance", meeting)).status_code == 403
    assert client.post(url("attendance", meeting), {"present": []}).status_code == 403
    assert client.get(url("notes", meeting)).status_code == 403
    assert client.post(url("notes", meeting), {"notes": "x"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.notes == ""


def test_facilitator_writes_both_kinds_of_notes(client, cop, facilitator):
    meeting = _meeting(cop, days=-1)
    client.force_login(facilitator)
    response = client.post(
        url("notes", meeting),
        {"notes": "We deelden drie casussen.", "facilitator_notes": "Volgende keer korter."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "We deelden drie casussen."
    assert meeting.facilitator_notes == "Volgende keer korter."


def test_facilitator_notes_reach_only_those_who_plan(cop, initiator, participant, observer):
    from gilde.communities.access import community_access
    from gilde.meetings import selectors

    meeting = _meeting(
        cop, days=-1, notes="Voor iedereen.", facilitator_notes="Alleen facilitatoren."
    )
    for user, sees in ((initiator, True), (participant, False), (observer, False)):
        summary = selectors.meeting_attendance(meeting=meeting, access=community_access(user, cop))
        assert summary.notes == "Voor iedereen."
        assert (summary.facilitator_notes == "Alleen facilitatoren.") is sees


def test_meeting_page_hides_facilitator_notes_from_participants(client, cop, participant):
    meeting = _meeting(
        cop, days=-1, notes="Voor iedereen.", facilitator_notes="Alleen facilitatoren."
    )
    client.force_login(participant)
    page = client.get(url("detail", meeting)).content.decode()
    assert "Alleen facilitatoren." not in page


def test_outsider_gets_404(client, cop, participant, outsider):
    meeting = _meeting(cop, days=-1)
    client.force_login(outsider)
    for name in ("attendance", "notes"):
        assert client.get(url(name, meeting)).status_code == 404
    assert client.post(url("rsvp", meeting), {"response": "yes"}).status_code == 404


def test_another_cops_meeting_is_404(client, cop, facilitator, outsider):
    other_cop = Membership.objects.get(user=outsider).community
    foreign = _meeting(other_cop, days=-1)
    client.force_login(facilitator)
    assert client.get(url("attendance", foreign)).status_code == 404
    assert client.get(url("notes", foreign)).status_code == 404
    assert client.get(url("attendance", foreign, slug=other_cop.slug)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, cop):
    meeting = _meeting(cop, days=-1)
    response = client.get(url("attendance", meeting))
    assert response.status_code == 302
    assert "login" in response["Location"]

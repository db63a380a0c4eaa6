"""Every page of step 5 renders for a participant, with a poll of each kind."""

from django.urls import reverse

from gilde.decisions.models import PollKind


def test_every_page_renders_for_a_participant(client, personas, cop, make_poll):
    client.force_login(personas["participant"])
    for kind in PollKind.values:
        poll = make_poll(personas["facilitator"], kind=kind)
        response = client.get(reverse("decisions:poll", args=[cop.slug, poll.pk]))
        assert response.status_code == 200, kind
        response = client.get(reverse("decisions:poll_create", args=[cop.slug, kind]))
        assert response.status_code == 200, kind
    for name in ["polls", "poll_new", "log", "agreements", "roles", "feedback", "feedback_new"]:
        assert client.get(reverse(f"decisions:{name}", args=[cop.slug])).status_code == 200, name
    assert client.get(reverse("guide:cop_step", args=[cop.slug, 5])).status_code == 200

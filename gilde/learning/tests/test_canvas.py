"""The backcasting canvas: versions, conflicts, steps, one-action conversions, print, SVG."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gilde.learning import services
from gilde.learning.models import Canvas, CanvasStep, Experiment
from gilde.meetings.models import AgendaItem


def _canvas(cop, actor):
    return services.canvas_add(
        community=cop,
        actor=actor,
        title="Circulair 2030",
        horizon=timezone.localdate() + timedelta(days=3650),
    )


def _post_data(canvas, **changes):
    data = {
        "title": canvas.title,
        "horizon": canvas.horizon.isoformat(),
        "future_image": canvas.future_image,
        "revision": canvas.revision,
    }
    return {**data, **changes}


def test_participant_starts_and_edits_a_canvas_with_versions(client, cop, participant):
    client.force_login(participant)
    response = client.post(
        reverse("learning:canvas_new", args=[cop.slug]),
        {"title": "Wijk 2035", "horizon": "2035-01-01", "future_image": "Alles hergebruikt"},
    )
    canvas = Canvas.objects.get()
    assert response.status_code == 302 and canvas.revision == 1
    client.post(
        reverse("learning:canvas_edit", args=[cop.slug, canvas.pk]),
        _post_data(canvas, future_image="Alles en iedereen"),
    )
    canvas.refresh_from_db()
    assert canvas.revision == 2 and canvas.versions.count() == 2
    history = client.get(
        reverse("learning:canvas_history", args=[cop.slug, canvas.pk]) + "?a=1&b=2"
    )
    assert "<ins>" in history.content.decode()


def test_two_people_saving_at_once_lose_nothing(client, cop, participant, facilitator):
    canvas = _canvas(cop, facilitator)
    stale = _post_data(canvas, future_image="Mijn beeld")
    client.force_login(facilitator)
    client.post(
        reverse("learning:canvas_edit", args=[cop.slug, canvas.pk]),
        _post_data(canvas, future_image="Haar beeld"),
    )
    client.force_login(participant)
    response = client.post(reverse("learning:canvas_edit", args=[cop.slug, canvas.pk]), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Mijn beeld" in html and "Haar beeld" in html
    canvas.refresh_from_db()
    assert canvas.future_image == "Haar beeld"


def test_a_horizon_in_the_past_is_refused(client, cop, participant):
    client.force_login(participant)
    response = client.post(
        reverse("learning:canvas_new", args=[cop.slug]), {"title": "Oud", "horizon": "2001-01-01"}
    )
    assert response.status_code == 200 and not Canvas.objects.exists()


def test_steps_show_on_a_timeline_and_become_experiment_or_agenda_item(
    client, cop, participant, facilitator, next_meeting
):
    canvas = _canvas(cop, facilitator)
    client.force_login(facilitator)
    client.post(
        reverse("learning:step_new", args=[cop.slug, canvas.pk]),
        {
            "title": "Pilot <met> inkoop",
            "due_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
        },
    )
    step = CanvasStep.objects.get()
    page = client.get(reverse("learning:canvas", args=[cop.slug, canvas.pk])).content.decode()
    assert "<svg" in page and "Pilot &lt;met&gt; inkoop" in page
    assert "Make it a poll" not in page  # until the decisions app offers polls
    client.post(
        reverse("learning:step_agenda", args=[cop.slug, canvas.pk, step.pk]),
        {"meeting": next_meeting.pk},
    )
    assert AgendaItem.objects.get(meeting=next_meeting).title == "Pilot <met> inkoop"
    client.force_login(participant)
    response = client.post(reverse("learning:step_experiment", args=[cop.slug, canvas.pk, step.pk]))
    experiment = Experiment.objects.get()
    assert response.status_code == 302 and experiment.canvas_step == step
    assert experiment.meeting_id == next_meeting.pk and experiment.tier == "private"
    printable = client.get(reverse("learning:canvas_print", args=[cop.slug, canvas.pk]))
    assert printable.status_code == 200 and "Pilot &lt;met&gt; inkoop" in printable.content.decode()


def test_the_poll_action_appears_once_registered(client, cop, participant, monkeypatch):
    from gilde.communities import offers

    monkeypatch.setitem(offers._REGISTRY, "poll", lambda **kwargs: "/polls/new/")
    canvas = _canvas(cop, participant)
    step = CanvasStep.objects.create(
        canvas=canvas, community=cop, title="Stap", due_on=timezone.localdate()
    )
    client.force_login(participant)
    assert (
        "Make it a poll"
        in client.get(reverse("learning:canvas", args=[cop.slug, canvas.pk])).content.decode()
    )
    response = client.post(reverse("learning:step_poll", args=[cop.slug, canvas.pk, step.pk]))
    assert response.status_code == 302 and response["Location"] == "/polls/new/"


def test_another_cops_canvas_is_404(client, cop, participant, outsider):
    other = outsider.memberships.get().community
    canvas = services.canvas_add(
        community=other,
        actor=outsider,
        title="Elders",
        horizon=timezone.localdate() + timedelta(days=9),
    )
    client.force_login(participant)
    assert client.get(reverse("learning:canvas", args=[cop.slug, canvas.pk])).status_code == 404

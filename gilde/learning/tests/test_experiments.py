"""Experiments: plan (due date checks), check in, report back; the meeting and preparation pages;
the experiment round on the agenda."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gilde.learning import services
from gilde.learning.models import Experiment, ExperimentStatus, Tier
from gilde.meetings.models import AgendaItem

from .conftest import membership_of


def test_plan_an_experiment_defaults_to_the_next_meeting(client, cop, participant, next_meeting):
    client.force_login(participant)
    url = reverse("learning:experiment_new", args=[cop.slug])
    html = client.get(url).content.decode()
    assert (
        next_meeting.starts_at.astimezone(timezone.get_current_timezone()).date().isoformat()
        in html
    )
    response = client.post(
        url,
        {
            "title": "Inkoper meenemen",
            "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "meeting": next_meeting.pk,
            "tier": "group",
        },
    )
    experiment = Experiment.objects.get()
    assert response.status_code == 302 and experiment.meeting_id == next_meeting.pk
    assert experiment.status == ExperimentStatus.PLANNED


def test_an_experiment_due_before_today_is_refused(client, cop, participant):
    client.force_login(participant)
    response = client.post(
        reverse("learning:experiment_new", args=[cop.slug]),
        {
            "title": "Te laat",
            "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "tier": "private",
        },
    )
    assert response.status_code == 200 and not Experiment.objects.exists()
    assert "Choose today or a later day." in response.content.decode()


def test_another_cops_meeting_cannot_be_chosen(client, cop, participant, outsider):
    from gilde.meetings.models import Meeting

    other = Meeting.objects.create(
        community=outsider.memberships.get().community,
        title="Elders",
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=60,
    )
    client.force_login(participant)
    client.post(
        reverse("learning:experiment_new", args=[cop.slug]),
        {
            "title": "X",
            "due_on": timezone.localdate().isoformat(),
            "meeting": other.pk,
            "tier": "private",
        },
    )
    assert not Experiment.objects.exists()


def test_check_in_and_report_back(client, cop, participant):
    experiment = services.experiment_add(
        membership=membership_of(cop, participant),
        title="Proberen",
        due_on=timezone.localdate() + timedelta(days=5),
    )
    client.force_login(participant)
    client.post(
        reverse("learning:experiment_checkin", args=[cop.slug, experiment.pk]), {"note": "Loopt"}
    )
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.UNDER_WAY and experiment.checked_in_at
    client.post(
        reverse("learning:experiment_report", args=[cop.slug, experiment.pk]),
        {"happened": "Gesprek", "learned": "Vroeg beginnen", "next_steps": "", "status": "done"},
    )
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.DONE and experiment.reported_at


def test_shared_experiments_show_on_the_meeting_and_preparation_pages(
    client, cop, participant, facilitator, next_meeting
):
    membership = membership_of(cop, participant)
    services.experiment_add(
        membership=membership,
        title="Gedeeld-exp",
        due_on=timezone.localdate(),
        meeting_id=next_meeting.pk,
        tier=Tier.GROUP,
    )
    services.experiment_add(
        membership=membership,
        title="Prive-exp",
        due_on=timezone.localdate(),
        meeting_id=next_meeting.pk,
    )
    client.force_login(facilitator)
    prepare = client.get(reverse("meetings:prepare", args=[cop.slug, next_meeting.pk]))
    html = prepare.content.decode()
    assert "Gedeeld-exp" in html and "Prive-exp" not in html
    assert html.count("Gedeeld-exp") == html.split("</title>")[1].count("Gedeeld-exp")
    detail = client.get(reverse("meetings:detail", args=[cop.slug, next_meeting.pk]))
    assert "Gedeeld-exp" in detail.content.decode()
    response = client.post(reverse("learning:experiment_round", args=[cop.slug, next_meeting.pk]))
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=next_meeting)
    assert "Gedeeld-exp" in item.notes and "Prive-exp" not in item.notes


def test_participants_cannot_put_an_experiment_round_on_the_agenda(
    client, cop, participant, next_meeting
):
    client.force_login(participant)
    response = client.post(reverse("learning:experiment_round", args=[cop.slug, next_meeting.pk]))
    assert response.status_code == 403 and not AgendaItem.objects.exists()


def test_another_members_private_experiment_is_404(client, cop, participant, buddy):
    experiment = services.experiment_add(
        membership=membership_of(cop, buddy), title="Van Bo", due_on=timezone.localdate()
    )
    client.force_login(participant)
    assert (
        client.get(reverse("learning:experiment", args=[cop.slug, experiment.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("learning:experiment_status", args=[cop.slug, experiment.pk]), {"status": "dropped"}
    )
    assert response.status_code == 404
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.PLANNED

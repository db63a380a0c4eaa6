"""The system analysis: scores within range, results only from three respondents, and outside
experts whose link opens only their own form, for one moment, until it closes."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gilde.monitoring import selectors, services
from gilde.monitoring.models import TisAnswer, TisFunction
from gilde.monitoring.services import MonitoringError

from .conftest import membership_of

FUNCTIONS = TisFunction.values


def form_data(score=3, **extra):
    data = {f"score_{f}": str(score) for f in FUNCTIONS}
    data.update({f"rationale_{f}": "Omdat." for f in FUNCTIONS})
    data.update(extra)
    return data


@pytest.fixture
def moment(cop, facilitator):
    return services.tis_moment_save(
        community=cop,
        actor=facilitator,
        title="Nulmeting",
        kind="start",
        held_on=timezone.localdate(),
        closes_at=timezone.now() + timedelta(days=7),
    )


def answer(moment, membership, score=3):
    return services.tis_response_save(
        moment=moment,
        membership=membership,
        scores={f: (score, "") for f in FUNCTIONS},
        barriers=[("market_formation", "institutions", f"Belemmering {membership.pk}")],
    )


def test_a_member_scores_every_function_and_may_change_it(client, cop, participant, moment):
    client.force_login(participant)
    page = reverse("monitoring:tis_answer", args=[cop.slug, moment.pk])
    assert client.get(page).status_code == 200
    data = form_data(4, barrier_0_function="guidance", barrier_0_description="Geen trekker")
    assert client.post(page, data).status_code == 302
    response = TisAnswer.objects.get()
    assert response.role == "participant"
    assert {s.score for s in response.scores.all()} == {4}
    assert response.barriers.get().description == "Geen trekker"
    client.post(page, form_data(2))
    assert TisAnswer.objects.count() == 1
    assert {s.score for s in TisAnswer.objects.get().scores.all()} == {2}
    assert not TisAnswer.objects.get().barriers.exists()


@pytest.mark.parametrize("bad", ["0", "6", "x", ""])
def test_scores_out_of_range_are_refused_with_a_message(client, cop, participant, moment, bad):
    client.force_login(participant)
    page = reverse("monitoring:tis_answer", args=[cop.slug, moment.pk])
    response = client.post(page, form_data(3, **{f"score_{FUNCTIONS[0]}": bad}))
    assert response.status_code == 200
    assert "van 1 tot 5" in response.content.decode()
    assert not TisAnswer.objects.exists()
    with pytest.raises(MonitoringError):
        services.tis_response_save(
            moment=moment,
            membership=membership_of(cop, participant),
            scores={f: (7, "") for f in FUNCTIONS},
            barriers=[],
        )


def test_observers_do_not_score(cop, observer, moment):
    with pytest.raises(MonitoringError):
        answer(moment, membership_of(cop, observer))


def test_results_show_only_from_three_respondents(client, cop, observer, moment, group):
    answer(moment, group[0], 2)
    answer(moment, group[1], 4)
    [result] = selectors.tis_results(community=cop)
    assert not result.shown and result.rows == []
    client.force_login(observer)
    page = client.get(reverse("monitoring:tis_moment", args=[cop.slug, moment.pk])).content.decode()
    assert "Mediaan" not in page and "Belemmering" not in page
    answer(moment, group[2], 3)
    [result] = selectors.tis_results(community=cop)
    assert result.shown
    assert result.rows[0].summary.median == 3
    assert result.rows[0].summary.spread == 1
    page = client.get(reverse("monitoring:tis_moment", args=[cop.slug, moment.pk])).content.decode()
    assert "Mediaan" in page
    # Observers see the figures, not the reasons and barriers.
    assert f"Belemmering {group[0].pk}" not in page


def test_change_across_moments_and_weakest_functions(cop, facilitator, moment, group):
    for membership in group[:3]:
        answer(moment, membership, 2)
    later = services.tis_moment_save(
        community=cop,
        actor=facilitator,
        title="Halverwege",
        kind="midway",
        held_on=timezone.localdate(),
        closes_at=timezone.now() + timedelta(days=7),
    )
    for membership in group[:3]:
        services.tis_response_save(
            moment=later,
            membership=membership,
            scores={f: (4 if f != "guidance" else 1, "") for f in FUNCTIONS},
            barriers=[],
        )
    first, second = selectors.tis_results(community=cop)
    rows = {row.function: row for row in second.rows}
    assert rows["entrepreneurial"].change == 2
    assert rows["guidance"].change == -1
    assert [row.function for row in second.weak_rows] == ["guidance"]
    assert second.previous == first.moment


def test_an_outside_expert_answers_through_their_own_link(
    client, cop, facilitator, moment, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:tis_invite", args=[cop.slug, moment.pk]),
            {"name": "Femke Aalders", "email": "femke@example.org"},
        )
    assert mail.outbox[-1].to == ["femke@example.org"]
    path = re.search(r"https?://[^/\s]+(/tis/\S+/)", mail.outbox[-1].body).group(1)
    client.logout()
    assert client.get(path).status_code == 200
    assert client.post(path, form_data(5)).status_code == 200
    response = TisAnswer.objects.get()
    assert response.role == "expert" and response.membership is None
    # The link opens only this form: the CoP's pages still want a login.
    assert client.get(reverse("monitoring:tis", args=[cop.slug])).status_code == 302
    # Answering again replaces the expert's own answers, never anyone else's.
    client.post(path, form_data(1))
    assert TisAnswer.objects.count() == 1
    assert {s.score for s in TisAnswer.objects.get().scores.all()} == {1}


def test_an_expert_link_is_refused_after_the_moment_closes_or_when_withdrawn(
    client, cop, facilitator, moment
):
    invitation, token = services.tis_invitation_send(
        moment=moment, actor=facilitator, name="E", email="e@example.org"
    )
    path = reverse("monitoring:tis_expert", args=[token])
    moment.closes_at = timezone.now() - timedelta(minutes=1)
    moment.save()
    response = client.get(path)
    assert response.status_code == 410
    assert "werkt niet meer" in response.content.decode()
    assert client.post(path, form_data(3)).status_code == 410
    assert not TisAnswer.objects.exists()
    moment.closes_at = timezone.now() + timedelta(days=1)
    moment.save()
    services.tis_invitation_revoke(invitation=invitation, actor=facilitator)
    assert client.get(path).status_code == 410
    assert client.get(reverse("monitoring:tis_expert", args=["not-a-token"])).status_code == 404


def test_an_expert_link_expires(cop, facilitator, moment):
    invitation, _token = services.tis_invitation_send(
        moment=moment, actor=facilitator, name="E", email="e@example.org"
    )
    assert invitation.expires_at <= moment.closes_at
    later = invitation.expires_at + timedelta(seconds=1)
    assert not invitation.is_usable(later)
    with pytest.raises(MonitoringError):
        services.tis_response_save(
            moment=moment,
            invitation=invitation,
            scores={f: (3, "") for f in FUNCTIONS},
            barriers=[],
            now=later,
        )


def test_tokens_are_stored_as_digests_only(cop, facilitator, moment):
    invitation, token = services.tis_invitation_send(
        moment=moment, actor=facilitator, name="E", email="e@example.org"
    )
    assert token not in invitation.token_digest
    assert selectors.tis_invitation_for_token(token) == invitation


def test_a_closed_moment_refuses_members_too(client, cop, participant, moment):
    moment.closes_at = timezone.now() - timedelta(minutes=1)
    moment.save()
    client.force_login(participant)
    page = reverse("monitoring:tis_answer", args=[cop.slug, moment.pk])
    assert client.post(page, form_data(3)).status_code == 302
    assert not TisAnswer.objects.exists()


def test_a_barrier_is_linked_to_an_agenda_item(
    client, cop, facilitator, moment, group, held_meeting
):
    from gilde.meetings.models import AgendaItem

    item = AgendaItem.objects.create(
        meeting=held_meeting, title="Inkopers aan tafel", duration_minutes=30
    )
    for membership in group[:3]:
        answer(moment, membership)
    barrier = moment.barriers.first()
    client.force_login(facilitator)
    link = reverse("monitoring:tis_barrier_link", args=[cop.slug, moment.pk, barrier.pk])
    assert "Inkopers aan tafel" in client.get(link).content.decode()
    client.post(link, {"intervention": f"meetings.agenda_item:{item.pk}", "note": "Uitnodigen"})
    page = client.get(reverse("monitoring:tis_moment", args=[cop.slug, moment.pk])).content.decode()
    assert "Inkopers aan tafel" in page and "Uitnodigen" in page
    response = client.post(link, {"intervention": "meetings.agenda_item:999999"})
    assert response.status_code == 200  # not a choice: the form says so


def test_moments_of_another_cop_are_not_found(client, cop, outsider, moment):
    client.force_login(outsider)
    other = outsider.memberships.get().community
    assert (
        client.get(reverse("monitoring:tis_moment", args=[other.slug, moment.pk])).status_code
        == 404
    )

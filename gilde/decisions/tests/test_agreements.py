"""Working agreements: versions, comparison, two people saving at once, and a change proposed
as a consent poll that the group adopts."""

from django.urls import reverse

from gilde.decisions import services
from gilde.decisions.models import AgreementVersion, Poll, WorkingAgreements

from .conftest import membership


def _edit(client, cop, text, revision, **extra):
    return client.post(
        reverse("decisions:agreements_edit", args=[cop.slug]),
        {"text": text, "revision": revision, "note": "", **extra},
    )


def test_each_save_is_a_version_and_versions_compare(client, cop, participant):
    client.force_login(participant)
    assert _edit(client, cop, "Wat hier gezegd wordt, blijft hier.", 0).status_code == 302
    assert (
        _edit(
            client, cop, "Wat hier gezegd wordt, blijft hier.\nWe beginnen op tijd.", 1
        ).status_code
        == 302
    )
    assert [v.number for v in AgreementVersion.objects.order_by("number")] == [1, 2]
    page = client.get(reverse("decisions:agreements", args=[cop.slug])).content.decode()
    assert "We beginnen op tijd." in page and "Versie 2" in page
    compare = client.get(reverse("decisions:agreements_compare", args=[cop.slug]), {"a": 1, "b": 2})
    assert "<ins>" in compare.content.decode()
    assert (
        client.get(reverse("decisions:agreements_version", args=[cop.slug, 2])).status_code == 200
    )
    assert (
        client.get(reverse("decisions:agreements_version", args=[cop.slug, 9])).status_code == 404
    )
    bad = client.get(reverse("decisions:agreements_compare", args=[cop.slug]), {"a": "x"})
    assert bad.status_code == 400


def test_a_second_saver_sees_both_texts_and_loses_nothing(client, cop, participant, facilitator):
    client.force_login(participant)
    _edit(client, cop, "Versie van Piet", 0)
    client.force_login(facilitator)
    response = _edit(client, cop, "Versie van Fenna", 0)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Versie van Piet" in page and "Versie van Fenna" in page
    assert WorkingAgreements.objects.get(community=cop).text == "Versie van Piet"
    assert response.context["form"]["revision"].value() == 1


def test_observers_do_not_edit_and_outsiders_get_404(client, cop, observer, outsider):
    client.force_login(observer)
    assert _edit(client, cop, "x", 0).status_code == 403
    client.force_login(outsider)
    assert (
        client.get(reverse("decisions:agreements_version", args=[cop.slug, 1])).status_code == 404
    )


def test_a_change_is_proposed_as_a_consent_poll_in_one_click_and_adopted(
    client, cop, participant, facilitator, initiator
):
    client.force_login(facilitator)
    _edit(client, cop, "Eerste afspraak.", 0)
    client.force_login(participant)
    response = _edit(client, cop, "Eerste afspraak.\nTelefoons weg.", 1, propose="1", note="Rust")
    poll = Poll.objects.get()
    assert response.url == reverse("decisions:poll", args=[cop.slug, poll.pk])
    assert poll.kind == "consent" and poll.proposed_agreements.endswith("Telefoons weg.")
    assert WorkingAgreements.objects.get(community=cop).text == "Eerste afspraak."  # not yet
    page = client.get(response.url).content.decode()
    assert "<ins>" in page and "Telefoons weg." in page
    adopt = reverse("decisions:adopt", args=[cop.slug, poll.pk])
    assert client.post(adopt).status_code == 302  # not passed yet: a message, nothing changes
    assert AgreementVersion.objects.count() == 1
    for user in (participant, initiator):
        services.poll_vote(poll=poll, membership=membership(cop, user), vote={"response": "agree"})
    services.poll_close(poll=poll, actor=membership(cop, participant))
    services.poll_outcome_write(
        poll=poll, actor=membership(cop, participant), statement="Aangenomen."
    )
    response = client.post(adopt)
    assert response.url == reverse("decisions:agreements", args=[cop.slug])
    latest = AgreementVersion.objects.get(number=2)
    assert latest.poll == poll and latest.text.endswith("Telefoons weg.")


def test_a_proposal_made_stale_by_a_later_save_shows_the_conflict(
    client, cop, participant, facilitator
):
    client.force_login(facilitator)
    _edit(client, cop, "Eerste afspraak.", 0)
    client.force_login(participant)
    _edit(client, cop, "Voorstel.", 1, propose="1")
    poll = Poll.objects.get()
    client.force_login(facilitator)
    _edit(client, cop, "Intussen gewijzigd.", 1)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    services.poll_outcome_write(poll=poll, actor=membership(cop, facilitator), statement="Ja.")
    response = client.post(reverse("decisions:adopt", args=[cop.slug, poll.pk]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Intussen gewijzigd." in page and "Voorstel." in page
    assert f'action="{reverse("decisions:agreements_edit", args=[cop.slug])}"' in page


def test_proposing_the_same_text_makes_no_poll(client, cop, participant):
    client.force_login(participant)
    _edit(client, cop, "Zelfde.", 0)
    _edit(client, cop, "Zelfde.", 1, propose="1")
    assert not Poll.objects.exists()

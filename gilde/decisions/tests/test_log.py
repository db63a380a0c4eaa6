"""The decision log: recording, revising, searching and filtering, and its query budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.decisions import services
from gilde.decisions.models import Decision, TakenBy
from gilde.meetings.models import Meeting

from .conftest import membership


def _log(cop, **query):
    return reverse("decisions:log", args=[cop.slug]) + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )


def _record(cop, user, statement="We delen casussen niet buiten de groep.", **fields):
    defaults = {
        "rationale": "",
        "taken_by": TakenBy.GROUP,
        "meeting_id": None,
        "decided_on": timezone.localdate(),
    }
    defaults.update(fields)
    return services.decision_record(
        community=cop, actor=membership(cop, user), statement=statement, **defaults
    )


def test_a_facilitator_records_a_decision_taken_in_a_meeting(client, cop, facilitator):
    meeting = Meeting.objects.create(
        community=cop, title="Bijeenkomst 2", starts_at=timezone.now(), duration_minutes=120
    )
    client.force_login(facilitator)
    response = client.post(
        reverse("decisions:decision_new", args=[cop.slug]),
        {
            "statement": "We beginnen om half twee.",
            "rationale": "Meer tijd voor casussen.",
            "taken_by": "facilitators",
            "meeting": str(meeting.pk),
            "decided_on": timezone.localdate().isoformat(),
        },
    )
    decision = Decision.objects.get()
    assert response.url == reverse("decisions:decision", args=[cop.slug, decision.pk])
    assert decision.kind == "direct" and decision.taken_by == "facilitators"
    assert decision.meeting_id == meeting.pk
    page = client.get(response.url).content.decode()
    assert "Bijeenkomst 2" in page and "De facilitators" in page
    meeting_page = client.get(reverse("meetings:detail", args=[cop.slug, meeting.pk]))
    assert "We beginnen om half twee." in meeting_page.content.decode()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"statement": ""}, "verplicht"),
        ({"decided_on": "2999-01-01"}, "niet in de toekomst"),
        ({"taken_by": "iedereen"}, "geldige keuze"),
        ({"meeting": "99999999999999999999"}, "geldige keuze"),
    ],
)
def test_bad_input_for_a_decision(client, cop, facilitator, fields, message):
    client.force_login(facilitator)
    data = {
        "statement": "Iets",
        "taken_by": "group",
        "decided_on": timezone.localdate().isoformat(),
        "meeting": "",
    }
    response = client.post(reverse("decisions:decision_new", args=[cop.slug]), {**data, **fields})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Decision.objects.exists()


def test_participants_read_the_log_but_do_not_record_directly(
    client, cop, participant, facilitator
):
    _record(cop, facilitator)
    client.force_login(participant)
    assert client.get(_log(cop)).status_code == 200
    assert client.get(reverse("decisions:decision_new", args=[cop.slug])).status_code == 403


def test_a_revision_keeps_both_linked_and_a_decision_is_revised_once(client, cop, facilitator):
    original = _record(cop, facilitator)
    client.force_login(facilitator)
    url = reverse("decisions:decision_revise", args=[cop.slug, original.pk])
    data = {
        "statement": "Casussen delen mag met toestemming.",
        "taken_by": "group",
        "decided_on": timezone.localdate().isoformat(),
        "meeting": "",
    }
    response = client.post(url, data)
    revision = Decision.objects.get(revises=original)
    assert response.url == reverse("decisions:decision", args=[cop.slug, revision.pk])
    page = client.get(reverse("decisions:decision", args=[cop.slug, original.pk])).content.decode()
    assert "later herzien" in page and "Casussen delen mag met toestemming." in page
    log = client.get(_log(cop)).content.decode()
    assert log.count("decision--revised") == 1 and "Herziet:" in log
    again = client.post(url, {**data, "statement": "Nog anders."})
    assert again.status_code == 400 and "al herzien" in again.content.decode()
    assert Decision.objects.count() == 2


def test_the_log_searches_and_filters_by_meeting_and_kind(
    client, cop, facilitator, participant, make_poll
):
    meeting = Meeting.objects.create(
        community=cop, title="B1", starts_at=timezone.now(), duration_minutes=60
    )
    _record(cop, facilitator, "Expert uitnodigen", meeting_id=meeting.pk)
    _record(cop, facilitator, "Telefoons weg")
    poll = make_poll(facilitator)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    services.poll_outcome_write(
        poll=poll, actor=membership(cop, facilitator), statement="Werkbezoek"
    )
    client.force_login(participant)

    def shown(**query):
        page = client.get(_log(cop, **query)).content.decode()
        return {s for s in ("Expert uitnodigen", "Telefoons weg", "Werkbezoek") if s in page}

    assert shown() == {"Expert uitnodigen", "Telefoons weg", "Werkbezoek"}
    assert shown(q="telefoon") == {"Telefoons weg"}
    assert shown(meeting=meeting.pk) == {"Expert uitnodigen"}
    assert shown(kind="consent") == {"Werkbezoek"}
    assert shown(kind="direct") == {"Expert uitnodigen", "Telefoons weg"}
    assert client.get(_log(cop, kind="nonsense")).status_code == 400


@pytest.mark.parametrize("count", [5, 500])
def test_the_log_stays_within_its_query_budget(
    client, cop, facilitator, participant, count, django_assert_max_num_queries
):
    meetings = [
        Meeting.objects.create(
            community=cop,
            title=f"B{n}",
            starts_at=timezone.now() + timedelta(days=n),
            duration_minutes=60,
        )
        for n in range(3)
    ]
    Decision.objects.bulk_create(
        Decision(
            community=cop,
            statement=f"Besluit {n}",
            taken_by=TakenBy.GROUP,
            meeting_id=meetings[n % 3].pk,
            decided_on=timezone.localdate() - timedelta(days=n),
        )
        for n in range(count)
    )
    client.force_login(participant)
    with django_assert_max_num_queries(10):
        response = client.get(_log(cop))
    assert response.status_code == 200
    assert "Besluit 0" in response.content.decode()
    with django_assert_max_num_queries(10):
        assert client.get(_log(cop, page=2, q="Besluit")).status_code == 200

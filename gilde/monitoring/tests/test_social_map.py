"""The social map through its pages: the network question, ties and their refusals, who sees
names, a member's own ties, export, cache and the query budget."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.monitoring import selectors, services
from gilde.monitoring.models import NetworkAnswer, Tie
from gilde.monitoring.services import MonitoringError
from tests.factories import MembershipFactory, UserFactory

from .conftest import membership_of


def url(name, cop, *args):
    return reverse(f"monitoring:{name}", args=[cop.slug, *args])


def test_a_member_answers_the_network_question_after_a_meeting(
    client, cop, participant, held_meeting, group, kinds
):
    client.force_login(participant)
    page = client.get(reverse("meetings:detail", args=[cop.slug, held_meeting.pk]))
    assert url("network_answer", cop, held_meeting.pk).encode() in page.content
    response = client.post(
        url("network_answer", cop, held_meeting.pk),
        {
            "kind": kinds["exchanged"].pk,
            "members": [group[0].pk, group[1].pk],
            "new_actors": "Provincie Gelderwaard\n\nRepair Café",
            "new_actor_kind": "organisation",
        },
    )
    assert response.status_code == 302
    me = membership_of(cop, participant)
    assert Tie.objects.filter(community=cop).count() == 4
    assert all(tie.names(me) for tie in Tie.objects.all())
    assert set(cop.outside_actors.values_list("name", flat=True)) == {
        "Provincie Gelderwaard",
        "Repair Café",
    }
    assert NetworkAnswer.objects.filter(membership=me, meeting_id=held_meeting.pk).exists()
    assert selectors.network_question_due(me) is None
    # Answering again adds nothing twice.
    client.post(
        url("network_answer", cop, held_meeting.pk),
        {"kind": kinds["exchanged"].pk, "members": [group[0].pk], "new_actor_kind": "person"},
    )
    assert Tie.objects.filter(community=cop).count() == 4


def test_nobody_is_an_answer_too(client, cop, participant, held_meeting, kinds):
    client.force_login(participant)
    me = membership_of(cop, participant)
    assert selectors.network_question_due(me).id == held_meeting.pk
    client.post(
        url("network_answer", cop, held_meeting.pk),
        {"kind": kinds["knows"].pk, "new_actor_kind": "organisation"},
    )
    assert selectors.network_question_due(me) is None
    assert not Tie.objects.exists()


def test_the_question_waits_for_the_meeting_to_end(client, cop, participant, held_meeting):
    held_meeting.starts_at = timezone.now() + timedelta(hours=1)
    held_meeting.save()
    client.force_login(participant)
    response = client.get(url("network_answer", cop, held_meeting.pk))
    assert response.status_code == 302
    assert selectors.network_question_due(membership_of(cop, participant)) is None


def test_a_meeting_of_another_cop_is_not_found(client, cop, participant, outsider, kinds):
    from gilde.meetings.models import Meeting

    other = outsider.memberships.get().community
    theirs = Meeting.objects.create(
        community=other,
        title="X",
        starts_at=timezone.now() - timedelta(days=1),
        duration_minutes=60,
    )
    client.force_login(participant)
    assert client.get(url("network_answer", cop, theirs.pk)).status_code == 404


def test_ties_refuse_oneself_an_end_before_the_start_and_other_cops(
    cop, facilitator, participant, outsider, kinds
):
    me = membership_of(cop, participant)
    them = membership_of(cop, facilitator)
    with pytest.raises(MonitoringError) as oneself:
        services.tie_add(
            community=cop,
            actor=facilitator,
            member=me,
            other_member=me,
            kind=kinds["knows"],
            started_on=date(2026, 1, 1),
        )
    assert oneself.value.code == "oneself"
    with pytest.raises(MonitoringError) as backwards:
        services.tie_add(
            community=cop,
            actor=facilitator,
            member=me,
            other_member=them,
            kind=kinds["knows"],
            started_on=date(2026, 2, 1),
            ended_on=date(2026, 1, 1),
        )
    assert backwards.value.code == "end_before_start"
    stranger = outsider.memberships.get()
    with pytest.raises(MonitoringError):
        services.tie_add(
            community=cop,
            actor=facilitator,
            member=me,
            other_member=stranger,
            kind=kinds["knows"],
            started_on=date(2026, 1, 1),
        )
    assert not Tie.objects.exists()


def test_the_tie_form_says_what_is_wrong_in_dutch(client, cop, facilitator, participant, kinds):
    client.force_login(facilitator)
    me = membership_of(cop, participant)
    response = client.post(
        url("tie_add", cop),
        {
            "member": me.pk,
            "other_member": me.pk,
            "kind": kinds["knows"].pk,
            "started_on": "2026-03-01",
            "ended_on": "2026-02-01",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "niet iemand met zichzelf" in text
    assert "eind ligt vóór het begin" in text
    assert not Tie.objects.exists()


@pytest.fixture
def ties(cop, facilitator, participant, group, kinds):
    me = membership_of(cop, participant)
    day = timezone.localdate() - timedelta(days=10)
    made = []
    for other in group[:4]:
        made.append(
            services.tie_add(
                community=cop,
                actor=facilitator,
                member=me,
                other_member=other,
                kind=kinds["worked"],
                started_on=day,
            )
        )
    made.append(
        services.tie_add(
            community=cop,
            actor=facilitator,
            member=group[4],
            other_member=group[5],
            kind=kinds["knows"],
            started_on=day,
        )
    )
    return made


def test_facilitators_see_the_named_map_observers_only_figures(
    client, cop, facilitator, observer, participant, held_meeting, ties
):
    client.force_login(facilitator)
    page = client.get(url("network", cop)).content.decode()
    assert "<svg" in page and "Piet Deelnemer" in page
    assert "Bruggenbouwers" in page  # the brokers, by name
    client.force_login(observer)
    page = client.get(url("network", cop)).content.decode()
    assert "chart--map" not in page and "Piet Deelnemer" not in page
    assert "Bruggenbouwers" not in page
    assert "Dichtheid" in page
    assert client.get(url("network_table", cop)).status_code == 403
    client.force_login(participant)
    assert "chart--map" not in client.get(url("network", cop)).content.decode()


def test_the_group_sees_names_when_the_cop_shares_the_map(
    client, cop, facilitator, participant, observer, held_meeting, ties
):
    services.monitoring_settings_save(
        community=cop, actor=facilitator, network_shared_with_group=True, cycle_meetings=3
    )
    client.force_login(participant)
    assert "chart--map" in client.get(url("network", cop)).content.decode()
    assert client.get(url("network_table", cop)).status_code == 200
    client.force_login(observer)
    assert "chart--map" not in client.get(url("network", cop)).content.decode()


def test_figures_for_the_group_only_from_five_people(client, observer, held_meeting):
    from tests.factories import CommunityFactory

    small = CommunityFactory(slug="klein")
    MembershipFactory(community=small, user=observer, role="observer")
    for n in range(3):
        MembershipFactory(community=small, user=UserFactory(email=f"k{n}@example.org"))
    client.force_login(observer)
    page = client.get(reverse("monitoring:network", args=["klein"])).content.decode()
    assert "Dichtheid" not in page
    assert "vijf mensen" in page


def test_a_member_removes_a_tie_that_names_them_but_no_other(client, cop, participant, group, ties):
    client.force_login(participant)
    mine = ties[0]
    assert client.get(url("my_ties", cop)).content.decode().count("/remove/") == 4
    client.post(url("tie_remove", cop, mine.pk))
    assert not Tie.objects.filter(pk=mine.pk).exists()
    response = client.post(url("tie_remove", cop, ties[4].pk))
    assert response.status_code == 403
    assert Tie.objects.filter(pk=ties[4].pk).exists()


def test_tie_ids_of_another_cop_are_not_found(client, cop, facilitator, outsider, ties):
    client.force_login(outsider)
    assert client.post(url("tie_remove", cop, ties[0].pk)).status_code == 404
    other = outsider.memberships.get().community
    assert (
        client.post(reverse("monitoring:tie_remove", args=[other.slug, ties[0].pk])).status_code
        == 404
    )


def test_export_as_csv_and_graphml(client, cop, facilitator, participant, ties):
    client.force_login(facilitator)
    csv = client.get(url("network_export", cop, "csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").count("\n") == 6
    graphml = client.get(url("network_export", cop, "graphml"))
    import networkx as nx

    graph = nx.read_graphml(__import__("io").BytesIO(graphml.content))
    assert graph.number_of_edges() == 5
    assert client.get(url("network_export", cop, "pdf")).status_code == 404
    client.force_login(participant)
    assert client.get(url("network_export", cop, "csv")).status_code == 403


def test_the_map_is_cached_until_the_ties_change(
    client, cop, facilitator, held_meeting, ties, kinds, django_assert_max_num_queries
):
    client.force_login(facilitator)

    def drawing():
        page = client.get(url("network", cop)).content.decode()
        return page[
            page.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--map"') :
        ]

    first = drawing()
    with django_assert_max_num_queries(16):
        assert drawing() == first
    services.tie_add(
        community=cop,
        actor=facilitator,
        member=ties[0].member,
        outside=services.outside_actor_get_or_add(
            community=cop, actor=facilitator, name="Nieuw", kind="organisation"
        )[0],
        kind=kinds["knows"],
        started_on=timezone.localdate(),
    )
    assert drawing() != first


@pytest.mark.parametrize("extra", [1, 50])
def test_the_map_page_costs_the_same_queries_for_1_and_50_ties(
    client, cop, facilitator, participant, held_meeting, kinds, extra, django_assert_max_num_queries
):
    me = membership_of(cop, participant)
    for n in range(extra):
        other = MembershipFactory(community=cop, user=UserFactory(email=f"x{n}@example.org"))
        services.tie_add(
            community=cop,
            actor=facilitator,
            member=me,
            other_member=other,
            kind=kinds["knows"],
            started_on=timezone.localdate(),
        )
    client.force_login(facilitator)
    with django_assert_max_num_queries(20):
        assert client.get(url("network", cop)).status_code == 200


def test_periods_per_quarter_and_an_unknown_period_fall_back(
    client, cop, facilitator, held_meeting, ties
):
    client.force_login(facilitator)
    assert client.get(url("network", cop) + "?per=quarter").status_code == 200
    assert client.get(url("network", cop) + "?per=x&period=<b>&colour=z").status_code == 200

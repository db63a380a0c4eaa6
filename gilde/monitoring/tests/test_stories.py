"""Value stories: the sharing tiers in one selector, only the author writes, and the matrix."""

from datetime import date

import pytest
from django.urls import reverse

from gilde.communities.access import community_access
from gilde.monitoring import selectors, services
from gilde.monitoring.models import ValueStory

from .conftest import membership_of


def write(cop, membership, tier, parts=None, title="Verhaal"):
    return services.value_story_save(
        community=cop,
        author=membership,
        title=title,
        told_on=date(2026, 3, 1),
        tier=tier,
        parts=parts
        or {"immediate": ("Een tip.", "", ""), "potential": ("Een contact.", "", "social")},
    )


@pytest.fixture
def stories(cop, participant):
    me = membership_of(cop, participant)
    return {
        tier: write(cop, me, tier, title=tier)
        for tier in ("private", "facilitators", "group", "public")
    }


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("participant", {"private", "facilitators", "group", "public"}),  # the author
        ("facilitator", {"facilitators", "group", "public"}),
        ("initiator", {"group", "public"}),
        ("observer", {"group", "public"}),
        ("outsider", set()),
    ],
)
def test_the_sharing_tiers(cop, personas, stories, persona, visible):
    access = community_access(personas[persona], cop)
    shown = {story.title for story in selectors.value_stories_visible_to(access=access)}
    assert shown == visible


def test_a_private_story_is_not_found_by_others(client, cop, facilitator, stories):
    client.force_login(facilitator)
    url = reverse("monitoring:story", args=[cop.slug, stories["private"].pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("monitoring:stories", args=[cop.slug])).content.decode().count("private")
        == 0
    )


def test_the_default_tier_is_facilitators(client, cop, participant):
    client.force_login(participant)
    page = client.get(reverse("monitoring:story_new", args=[cop.slug])).content.decode()
    assert 'value="facilitators" selected' in page


def test_a_member_writes_a_story_through_the_page(client, cop, participant):
    client.force_login(participant)
    response = client.post(
        reverse("monitoring:story_new", args=[cop.slug]),
        {
            "title": "Van tip naar contract",
            "told_on": "2026-03-01",
            "tier": "group",
            "immediate_text": "De casusronde.",
            "applied_text": "Een offerte met begeleiding.",
            "applied_evidence": "Contract getekend",
            "potential_kind": "social",
        },
    )
    assert response.status_code == 302
    story = ValueStory.objects.get()
    assert {p.cycle for p in story.parts.all()} == {"immediate", "applied"}
    assert story.author == membership_of(cop, participant)


def test_an_empty_story_and_evidence_without_text_are_refused(client, cop, participant):
    client.force_login(participant)
    page = reverse("monitoring:story_new", args=[cop.slug])
    response = client.post(page, {"title": "Leeg", "told_on": "2026-03-01", "tier": "group"})
    assert "ten minste één deel" in response.content.decode()
    response = client.post(
        page,
        {"title": "X", "told_on": "2026-03-01", "tier": "group", "realised_evidence": "Cijfers"},
    )
    assert response.status_code == 200
    assert not ValueStory.objects.exists()


def test_only_the_author_edits_or_deletes(client, cop, facilitator, participant, stories):
    story = stories["group"]
    client.force_login(facilitator)
    assert (
        client.get(reverse("monitoring:story_edit", args=[cop.slug, story.pk])).status_code == 403
    )
    assert (
        client.post(reverse("monitoring:story_delete", args=[cop.slug, story.pk])).status_code
        == 403
    )
    client.force_login(participant)
    client.post(reverse("monitoring:story_delete", args=[cop.slug, story.pk]))
    assert not ValueStory.objects.filter(pk=story.pk).exists()


def test_the_matrix_shows_where_value_stays_potential(cop, participant, facilitator):
    me = membership_of(cop, participant)
    write(cop, me, "group", title="Blijft hangen")
    write(
        cop,
        me,
        "group",
        {"immediate": ("A", "", ""), "potential": ("B", "", ""), "applied": ("C", "", "")},
        title="Toegepast",
    )
    write(cop, me, "group", {"strategic": ("S", "", "")}, title="Strategisch")
    access = community_access(facilitator, cop)
    matrix = selectors.value_matrix(selectors.value_stories_visible_to(access=access))
    assert [cycle for cycle, _label in matrix.cycles] == [
        "immediate", "potential", "applied", "realised", "reframing", "strategic",
    ]  # fmt: skip
    assert matrix.stuck == 1
    assert dict(zip([c for c, _l in matrix.cycles], matrix.totals, strict=True))["potential"] == 2


def test_the_stories_page_costs_the_same_queries_for_1_and_30_stories(
    client, cop, participant, django_assert_max_num_queries
):
    me = membership_of(cop, participant)
    client.force_login(participant)
    for count in (1, 30):
        while ValueStory.objects.count() < count:
            write(cop, me, "group")
        with django_assert_max_num_queries(10):
            assert client.get(reverse("monitoring:stories", args=[cop.slug])).status_code == 200

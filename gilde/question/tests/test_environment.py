import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gilde.core.models import AuditEntry
from gilde.question import services
from gilde.question.models import LayerNotes, ProblemNode, ProblemTree, Stakeholder
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def _url(name, cop, **kwargs):
    return reverse(f"question:{name}", kwargs={"slug": cop.slug, **kwargs})


def _stakeholder(community, name="Gemeente", power=4, interest=5, **fields):
    return Stakeholder.objects.create(
        community=community, name=name, power=power, interest=interest, **fields
    )


def _svg(response, css_class):
    html = response.content.decode()
    start = html.index(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}"')
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


STAKEHOLDER_DATA = {
    "name": "Provincie",
    "kind": "overheid",
    "organisation": "Provincie Utrecht",
    "power": "5",
    "interest": "2",
    "attitude": "neutral",
    "note": "Subsidie",
}


# Stakeholders


def test_facilitator_adds_a_stakeholder(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(_url("stakeholders", cop), STAKEHOLDER_DATA)
    assert response.status_code == 302
    stakeholder = cop.stakeholders.get()
    assert (stakeholder.name, stakeholder.power, stakeholder.interest) == ("Provincie", 5, 2)
    entry = AuditEntry.objects.get(community=cop, action="stakeholder.added")
    assert entry.actor == facilitator and entry.data["name"] == "Provincie"


def test_stakeholder_page_shows_grid_and_table_with_the_same_data(client, cop, observer):
    _stakeholder(cop, "Gemeente <&>", 4, 5, attitude="supportive", kind="overheid")
    _stakeholder(cop, "Bouwers", 2, 1, attitude="critical", organisation="Bouwend NL")
    client.force_login(observer)
    response = client.get(_url("stakeholders", cop))
    assert response.status_code == 200
    grid = _svg(response, "chart--grid")
    assert grid.get("role") == "img"
    assert len(grid.findall(f"{SVG}g[@class='chart__point']/{SVG}circle")) == 2
    html = response.content.decode()
    assert "Gemeente &lt;&amp;&gt;" in html
    assert "Bouwend NL" in html and "Manage closely" in html and "Monitor" in html
    assert "Critical" in html and "Supportive" in html
    assert "Add a stakeholder" not in html
    assert "/edit/" not in html


def test_facilitator_edits_and_deletes_a_stakeholder(client, cop, facilitator):
    stakeholder = _stakeholder(cop)
    client.force_login(facilitator)
    assert client.get(_url("stakeholder_edit", cop, pk=stakeholder.pk)).status_code == 200
    response = client.post(
        _url("stakeholder_edit", cop, pk=stakeholder.pk), {**STAKEHOLDER_DATA, "power": "1"}
    )
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.power) == ("Provincie", 1)
    confirm = client.get(_url("stakeholder_delete", cop, pk=stakeholder.pk))
    assert confirm.status_code == 200 and b"Provincie" in confirm.content
    assert client.post(_url("stakeholder_delete", cop, pk=stakeholder.pk)).status_code == 302
    assert not cop.stakeholders.exists()
    actions = set(AuditEntry.objects.filter(community=cop).values_list("action", flat=True))
    assert {"stakeholder.changed", "stakeholder.deleted"} <= actions


@pytest.mark.parametrize("power", ["0", "6", "drie", ""])
def test_score_outside_one_to_five_gets_a_field_message(client, cop, facilitator, power):
    client.force_login(facilitator)
    response = client.post(_url("stakeholders", cop), {**STAKEHOLDER_DATA, "power": power})
    assert response.status_code == 200
    assert "Give a score from 1 to 5." in response.content.decode()
    assert not cop.stakeholders.exists()


def test_over_long_name_gets_a_field_message(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(_url("stakeholders", cop), {**STAKEHOLDER_DATA, "name": "x" * 151})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not cop.stakeholders.exists()


def test_bad_edit_keeps_the_saved_stakeholder(client, cop, facilitator):
    stakeholder = _stakeholder(cop)
    client.force_login(facilitator)
    response = client.post(
        _url("stakeholder_edit", cop, pk=stakeholder.pk), {**STAKEHOLDER_DATA, "interest": "9"}
    )
    assert response.status_code == 200
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.interest) == ("Gemeente", 5)


def test_participant_may_not_change_stakeholders(client, cop, participant):
    stakeholder = _stakeholder(cop)
    client.force_login(participant)
    assert client.get(_url("stakeholders", cop)).status_code == 200
    assert client.post(_url("stakeholders", cop), STAKEHOLDER_DATA).status_code == 403
    assert client.get(_url("stakeholder_edit", cop, pk=stakeholder.pk)).status_code == 403
    assert client.post(_url("stakeholder_delete", cop, pk=stakeholder.pk)).status_code == 403
    assert cop.stakeholders.count() == 1


def test_participant_may_change_stakeholders_when_the_group_may_edit(client, cop, participant):
    sheet = services.sheet_for(cop)
    sheet.group_may_edit = True
    sheet.save()
    client.force_login(participant)
    assert client.post(_url("stakeholders", cop), STAKEHOLDER_DATA).status_code == 302
    assert cop.stakeholders.count() == 1


def test_observer_may_not_change_stakeholders(client, cop, observer):
    stakeholder = _stakeholder(cop)
    client.force_login(observer)
    assert client.post(_url("stakeholders", cop), STAKEHOLDER_DATA).status_code == 403
    assert client.post(_url("stakeholder_delete", cop, pk=stakeholder.pk)).status_code == 403


def test_outsider_gets_404(client, cop, outsider):
    stakeholder = _stakeholder(cop)
    tree = ProblemTree.objects.create(community=cop, central_problem="Probleem")
    node = ProblemNode.objects.create(tree=tree, kind="cause", text="Oorzaak")
    client.force_login(outsider)
    for url in (
        _url("stakeholders", cop),
        _url("stakeholder_edit", cop, pk=stakeholder.pk),
        _url("stakeholder_delete", cop, pk=stakeholder.pk),
        _url("tree", cop),
        _url("node_edit", cop, pk=node.pk),
        _url("node_delete", cop, pk=node.pk),
        _url("layers", cop),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_anonymous_is_asked_to_log_in(client, cop):
    response = client.get(_url("stakeholders", cop))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_cops_items_are_not_found(client, cop, facilitator):
    other = CommunityFactory(slug="elders")
    foreign = _stakeholder(other, "Vreemd")
    tree = ProblemTree.objects.create(community=other, central_problem="Elders")
    node = ProblemNode.objects.create(tree=tree, kind="cause", text="Vreemde oorzaak")
    client.force_login(facilitator)
    assert client.get(_url("stakeholder_edit", cop, pk=foreign.pk)).status_code == 404
    assert client.post(_url("stakeholder_delete", cop, pk=foreign.pk)).status_code == 404
    assert client.get(_url("node_edit", cop, pk=node.pk)).status_code == 404
    assert client.post(_url("node_delete", cop, pk=node.pk)).status_code == 404
    assert Stakeholder.objects.filter(pk=foreign.pk).exists()
    assert ProblemNode.objects.filter(pk=node.pk).exists()


def test_stakeholder_page_query_budget(client, cop, facilitator, django_assert_max_num_queries):
    client.force_login(facilitator)
    _stakeholder(cop, "Een")
    with django_assert_max_num_queries(12):
        client.get(_url("stakeholders", cop))
    for i in range(49):
        _stakeholder(cop, f"Partij {i}", 1 + i % 5, 1 + i // 10)
    with django_assert_max_num_queries(12):
        client.get(_url("stakeholders", cop))


# Problem tree


@pytest.fixture
def tree(cop):
    return ProblemTree.objects.create(community=cop, central_problem="Te weinig hergebruik")


def _node(tree, kind="cause", text="Oorzaak", parent=None):
    return ProblemNode.objects.create(tree=tree, kind=kind, text=text, parent=parent)


def test_tree_page_without_a_central_problem(client, cop, facilitator, participant):
    client.force_login(participant)
    response = client.get(_url("tree", cop))
    assert response.status_code == 200
    assert "No central problem has been set yet." in response.content.decode()
    assert response.context["central_form"] is None
    client.force_login(facilitator)
    response = client.get(_url("tree", cop))
    assert response.context["central_form"] is not None
    assert response.context["node_form"] is None
    assert "<svg" not in response.content.decode()


def test_facilitator_sets_the_central_problem(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(
        _url("tree", cop), {"part": "central", "central_problem": "Te weinig hergebruik"}
    )
    assert response.status_code == 302
    assert cop.problem_tree.central_problem == "Te weinig hergebruik"
    assert AuditEntry.objects.filter(community=cop, action="problem_tree.changed").exists()


def test_facilitator_adds_causes_and_effects(client, cop, facilitator, tree):
    client.force_login(facilitator)
    add = {"part": "node", "kind": "cause", "text": "Geen kennis", "under": ""}
    assert client.post(_url("tree", cop), add).status_code == 302
    cause = tree.nodes.get()
    sub = {"part": "node", "kind": "cause", "text": "Geen opleiding", "under": str(cause.pk)}
    assert client.post(_url("tree", cop), sub).status_code == 302
    effect = {"part": "node", "kind": "effect", "text": "Meer afval", "under": ""}
    assert client.post(_url("tree", cop), effect).status_code == 302
    assert tree.nodes.get(text="Geen opleiding").parent == cause
    assert AuditEntry.objects.filter(community=cop, action="problem_node.added").count() == 3

    response = client.get(_url("tree", cop))
    drawing = _svg(response, "chart--tree")
    assert len(drawing.findall(f".//{SVG}rect")) == 4
    html = response.content.decode()
    assert html.count('class="tree-list"') == 2
    assert "Geen opleiding" in html


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("third_level", "The tree has two levels"),
        ("other_kind", "Causes go under causes and effects under effects"),
        ("forged", "Choose the central problem or a cause or effect of this tree."),
        ("garbage", "Choose the central problem or a cause or effect of this tree."),
    ],
)
def test_bad_node_is_refused_with_a_message(client, cop, facilitator, tree, case, message):
    cause = _node(tree, "cause", "Geen kennis")
    sub = _node(tree, "cause", "Geen opleiding", parent=cause)
    other_tree = ProblemTree.objects.create(
        community=CommunityFactory(slug="elders"), central_problem="Elders"
    )
    foreign = _node(other_tree, "cause", "Vreemd")
    under, kind = {
        "third_level": (sub.pk, "cause"),
        "other_kind": (cause.pk, "effect"),
        "forged": (foreign.pk, "cause"),
        "garbage": ("abc", "cause"),
    }[case]
    client.force_login(facilitator)
    response = client.post(
        _url("tree", cop), {"part": "node", "kind": kind, "text": "Nieuw", "under": under}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProblemNode.objects.filter(text="Nieuw").exists()


def test_node_edit_refuses_a_cycle_and_a_kind_change_with_sub_items(client, cop, facilitator, tree):
    cause = _node(tree, "cause", "Geen kennis")
    _node(tree, "cause", "Geen opleiding", parent=cause)
    other = _node(tree, "cause", "Regels")
    client.force_login(facilitator)
    url = _url("node_edit", cop, pk=cause.pk)
    response = client.post(url, {"kind": "cause", "text": "Geen kennis", "under": other.pk})
    assert response.status_code == 200
    assert "sub-items of its own" in response.content.decode()
    response = client.post(url, {"kind": "effect", "text": "Geen kennis", "under": ""})
    assert response.status_code == 200
    assert "keeps its kind" in response.content.decode()
    cause.refresh_from_db()
    assert (cause.kind, cause.parent) == ("cause", None)


def test_facilitator_edits_and_deletes_a_node_with_its_sub_items(client, cop, facilitator, tree):
    cause = _node(tree, "cause", "Geen kennis")
    _node(tree, "cause", "Geen opleiding", parent=cause)
    client.force_login(facilitator)
    response = client.post(
        _url("node_edit", cop, pk=cause.pk), {"kind": "cause", "text": "Weinig kennis", "under": ""}
    )
    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.text == "Weinig kennis"
    confirm = client.get(_url("node_delete", cop, pk=cause.pk))
    assert "sub-item is deleted with it" in confirm.content.decode()
    assert "Geen opleiding" in confirm.content.decode()
    assert client.post(_url("node_delete", cop, pk=cause.pk)).status_code == 302
    assert not tree.nodes.exists()
    actions = set(AuditEntry.objects.filter(community=cop).values_list("action", flat=True))
    assert {"problem_node.changed", "problem_node.deleted"} <= actions


def test_participant_reads_the_tree_but_may_not_change_it(client, cop, participant, tree):
    node = _node(tree)
    client.force_login(participant)
    response = client.get(_url("tree", cop))
    assert response.status_code == 200 and "Oorzaak" in response.content.decode()
    assert response.context["node_form"] is None
    add = {"part": "node", "kind": "cause", "text": "Nieuw", "under": ""}
    assert client.post(_url("tree", cop), add).status_code == 403
    assert client.get(_url("node_edit", cop, pk=node.pk)).status_code == 403
    assert client.post(_url("node_delete", cop, pk=node.pk)).status_code == 403
    assert tree.nodes.count() == 1


# Socio-technical layers


LAYERS = {"niche": "Repair cafés", "regime": "Lineaire inkoop", "landscape": "Grondstoffen"}


def test_facilitator_saves_the_layers(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.get(_url("layers", cop))
    assert response.context["form"]["revision"].value() == 0
    response = client.post(_url("layers", cop), {**LAYERS, "revision": "0"})
    assert response.status_code == 302
    notes = LayerNotes.objects.get(community=cop)
    assert (notes.niche, notes.revision) == ("Repair cafés", 1)
    assert AuditEntry.objects.filter(community=cop, action="layers.changed").exists()


def test_observer_reads_the_layers(client, cop, observer):
    LayerNotes.objects.create(community=cop, regime="Lineaire inkoop")
    client.force_login(observer)
    response = client.get(_url("layers", cop))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Lineaire inkoop" in response.content.decode()
    assert client.post(_url("layers", cop), {**LAYERS, "revision": "0"}).status_code == 403


def test_reading_the_layers_writes_nothing(client, cop, participant):
    client.force_login(participant)
    assert client.get(_url("layers", cop)).status_code == 200
    assert not LayerNotes.objects.exists()


def test_stale_layers_save_shows_both_texts(client, cop, facilitator, initiator):
    services.layers_save(community=cop, actor=initiator, revision=0, niche="Hun niche")
    client.force_login(facilitator)
    response = client.post(_url("layers", cop), {**LAYERS, "niche": "Mijn niche", "revision": "0"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Hun niche" in html and "Mijn niche" in html
    form = response.context["form"]
    assert form["niche"].value() == "Mijn niche"
    assert form["revision"].value() == 1
    assert LayerNotes.objects.get(community=cop).niche == "Hun niche"
    # Saving again from the conflict page goes through.
    response = client.post(_url("layers", cop), {**LAYERS, "niche": "Samen", "revision": "1"})
    assert response.status_code == 302
    assert LayerNotes.objects.get(community=cop).niche == "Samen"


def test_over_long_layer_text_gets_a_message(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(_url("layers", cop), {**LAYERS, "regime": "x" * 3001, "revision": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["regime"]
    assert not LayerNotes.objects.filter(regime__startswith="x").exists()


# The workspace on the step page


def test_step_page_shows_the_environment_analysis(client, cop, facilitator, tree):
    _stakeholder(cop)
    _node(tree)
    client.force_login(facilitator)
    response = client.get(reverse("guide:cop_step", kwargs={"slug": cop.slug, "number": 1}))
    assert response.status_code == 200
    html = response.content.decode()
    assert _url("stakeholders", cop) in html
    assert _url("layers", cop) in html
    assert "Te weinig hergebruik" in html
    assert "Add a cause or effect" in html

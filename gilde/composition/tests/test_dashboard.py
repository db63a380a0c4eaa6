"""The composition dashboard, its rules toggle and step 2's workspace."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.messages import get_messages
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import community_access
from gilde.communities.models import Role
from gilde.composition import charts
from gilde.composition.models import Candidate, CompositionSettings, Intake, MemberProfile
from gilde.composition.workspace import composition_workspace
from gilde.core.models import AuditEntry
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# These tests read the English source texts.
pytestmark = pytest.mark.usefixtures("english_interface")


def _url(name, cop):
    return reverse(f"composition:{name}", kwargs={"slug": cop.slug})


def _participant(cop, name, organisation, industry="", knowledge="", pioneer=""):
    user = UserFactory(
        name=name,
        organisation=OrganisationFactory(name=organisation),
        industry=industry,
        knowledge_type=knowledge,
    )
    membership = MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)
    if pioneer:
        MemberProfile.objects.create(membership=membership, pioneer=pioneer)
    return membership


@pytest.fixture
def group(cop):
    """Organisations A, A, B, C; industries zorg for A, A and B and bouw (C)."""
    return [
        _participant(cop, "Anna Aalders", "Org A", "zorg", "practice", "pioneer"),
        _participant(cop, "Bram Bakker", "Org A", "zorg", "theory", "follower"),
        _participant(cop, "Cor Claassen", "Org B", "zorg", "practice"),
        _participant(cop, "Dirk Dekker", "Org C", "bouw", "both", "pioneer"),
    ]


def _svg_charts(response):
    html = response.content.decode()
    charts, start = [], html.find("<svg ")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        charts.append(ET.fromstring(html[start:end]))
        start = html.find("<svg ", end)
    return charts


# Figures


def test_dashboard_figures_match_hand_computed_values(client, cop, facilitator, group):
    client.force_login(facilitator)
    response = client.get(_url("dashboard", cop))
    assert response.status_code == 200
    figures = response.context["composition"]
    assert figures.size == 4
    organisation = figures.attribute("organisation")
    # Shares 1/2, 1/4, 1/4: 1 − (1/4 + 1/16 + 1/16) = 0.625, of at most 2/3.
    assert organisation.counts == (("Org A", 2), ("Org B", 1), ("Org C", 1))
    assert organisation.blau == pytest.approx(0.625)
    assert organisation.maximum == pytest.approx(2 / 3)
    assert organisation.normalised == pytest.approx(0.9375)
    industry = figures.attribute("industry")
    # Shares 3/4, 1/4: 1 − (9/16 + 1/16) = 0.375, of at most 1/2.
    assert industry.blau == pytest.approx(0.375)
    assert industry.normalised == pytest.approx(0.75)
    # Knowledge: practice 2, theory 1, both 1, the same shares as organisation.
    assert figures.attribute("knowledge_type").normalised == pytest.approx(0.9375)
    # Pioneer 2, follower 1, one blank: 1 − (4/9 + 1/9) = 4/9, normalised 8/9.
    assert figures.attribute("pioneer").normalised == pytest.approx(8 / 9)
    # Function and discipline are blank for all: left out of the combined view.
    assert figures.combined == pytest.approx((0.9375 + 0.75 + 0.9375 + 8 / 9) / 4)
    assert figures.single_organisations == ("Org B", "Org C")
    html = response.content.decode()
    assert "0.63" in html and "0.94" in html  # Blau's index and its normalised value
    assert "4 participants; the target is 20 (15 to 25 works well)." in html
    assert "Org B" in html and "Org C" in html
    # Every attribute with data has a chart: well-formed SVG with a title and a description.
    charts = _svg_charts(response)
    assert len(charts) == 4
    for chart in charts:
        assert chart.get("role") == "img"
        assert chart.find("{http://www.w3.org/2000/svg}title").text
        assert chart.find("{http://www.w3.org/2000/svg}desc").text


def test_guard_names_the_industries_that_break_it_only_when_chosen(client, cop, initiator, group):
    client.force_login(initiator)
    html = client.get(_url("dashboard", cop)).content.decode()
    assert "The CoP has not chosen this rule." in html
    CompositionSettings.objects.create(community=cop, one_organisation_per_industry=True)
    response = client.get(_url("dashboard", cop))
    clashes = response.context["composition"].industry_clashes
    assert [(c.industry, c.organisations) for c in clashes] == [("zorg", ("Org A", "Org B"))]
    assert "<strong>zorg</strong>: Org A, Org B" in response.content.decode()


def test_an_empty_group_shows_a_dashboard(client, cop, initiator):
    client.force_login(initiator)
    response = client.get(_url("dashboard", cop))
    assert response.status_code == 200
    assert response.context["composition"].combined is None
    assert "No attributes filled in yet." in response.content.decode()


def test_names_with_markup_stay_text(client, cop, initiator):
    _participant(cop, "X", "<b>Org & Co</b>", industry='"zorg"')
    client.force_login(initiator)
    response = client.get(_url("dashboard", cop))
    html = response.content.decode()
    assert "<b>Org" not in html
    assert len(_svg_charts(response)) == 2  # organisation and industry


# Who sees what


def test_observer_sees_the_figures_but_no_names(client, cop, observer, group):
    Candidate.objects.create(community=cop, name="Karel Kandidaat", organisation="Org K")
    client.force_login(observer)
    response = client.get(_url("dashboard", cop) + f"?candidate={Candidate.objects.get().pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["composition"].size == 4
    for name in ("Anna Aalders", "Bram Bakker", "Cor Claassen", "Dirk Dekker", "Karel"):
        assert name not in html
    assert response.context["what_if_form"] is None
    assert response.context["after"] is None
    assert 'name="one_organisation_per_industry"' not in html


def test_participant_sees_the_dashboard(client, cop, participant, group):
    client.force_login(participant)
    response = client.get(_url("dashboard", cop))
    assert response.status_code == 200
    assert "Anna Aalders" not in response.content.decode()


def test_outsider_gets_404(client, cop, outsider):
    client.force_login(outsider)
    assert client.get(_url("dashboard", cop)).status_code == 404
    assert (
        client.post(_url("rules", cop), {"one_organisation_per_industry": "on"}).status_code == 404
    )


def test_anonymous_is_asked_to_log_in(client, cop):
    response = client.get(_url("dashboard", cop))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


# What-if


def test_what_if_shows_the_figures_with_the_candidates(client, cop, facilitator, group):
    karel = Candidate.objects.create(
        community=cop, name="Karel Kandidaat", organisation="Org D", industry="bouw"
    )
    lot = Candidate.objects.create(
        community=cop, name="Lot", organisation="Org B", status="invited"
    )
    gone = Candidate.objects.create(community=cop, name="Gone", organisation="X", status="declined")
    foreign = Candidate.objects.create(
        community=CommunityFactory(), name="Vreemd", organisation="Y"
    )
    client.force_login(facilitator)
    html = client.get(_url("dashboard", cop)).content.decode()
    assert "Karel Kandidaat" in html and "Lot" in html and "Gone" not in html
    assert "Vreemd" not in html

    query = f"?candidate={karel.pk}&candidate={lot.pk}&candidate={foreign.pk}"
    query += f"&candidate={gone.pk}&candidate=abc&candidate=99999999999999999999"
    response = client.get(_url("dashboard", cop) + query)
    assert response.status_code == 200
    assert response.context["composition"].size == 4
    after = response.context["after"]
    assert after.size == 6
    # Organisations A 2, B 2, C 1, D 1 of 6: 1 − (4+4+1+1)/36.
    assert after.attribute("organisation").blau == pytest.approx(1 - 10 / 36)
    assert after.single_organisations == ("Org C", "Org D")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "4 of the chosen candidates are not open candidates of this CoP; they are left out."
    ]
    assert "With 2 candidates" in response.content.decode()


def test_what_if_with_only_garbage_shows_the_plain_figures(client, cop, initiator, group):
    client.force_login(initiator)
    response = client.get(_url("dashboard", cop) + "?candidate=%00&candidate=-1&x=1")
    assert response.status_code == 200
    assert response.context["after"] is None


# Rules


def test_runner_turns_the_guard_on_and_off(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(_url("rules", cop), {"one_organisation_per_industry": "on"})
    assert response.status_code == 302
    assert response["Location"] == _url("dashboard", cop)
    assert CompositionSettings.objects.get(community=cop).one_organisation_per_industry
    entry = AuditEntry.objects.get(community=cop, action="composition.settings_changed")
    assert entry.actor == facilitator
    client.post(_url("rules", cop), {})
    assert not CompositionSettings.objects.get(community=cop).one_organisation_per_industry
    assert AuditEntry.objects.filter(action="composition.settings_changed").count() == 2


@pytest.mark.parametrize("persona", ["participant", "observer"])
def test_members_who_do_not_run_the_cop_cannot_change_the_rules(client, cop, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(_url("rules", cop), {"one_organisation_per_industry": "on"})
    assert response.status_code == 403
    assert not CompositionSettings.objects.filter(community=cop).exists()


def test_rules_accept_post_only(client, cop, initiator):
    client.force_login(initiator)
    assert client.get(_url("rules", cop)).status_code == 405


# Query budget


@pytest.mark.parametrize("size", [20, 200])
def test_dashboard_query_budget(client, cop, facilitator, size, django_assert_max_num_queries):
    organisations = [OrganisationFactory() for _ in range(12)]
    for n in range(size):
        user = UserFactory(organisation=organisations[n % 12], industry=f"industry {n % 5}")
        membership = MembershipFactory(community=cop, user=user, role=Role.PARTICIPANT)
        if n % 2:
            MemberProfile.objects.create(
                membership=membership, pioneer="pioneer", organisation=organisations[n % 7]
            )
    CompositionSettings.objects.create(community=cop, one_organisation_per_industry=True)
    candidates = [
        Candidate.objects.create(community=cop, name=f"K{n}", organisation=f"O{n}")
        for n in range(5)
    ]
    client.force_login(facilitator)
    query = "?" + "&".join(f"candidate={c.pk}" for c in candidates)
    with django_assert_max_num_queries(12):
        response = client.get(_url("dashboard", cop) + query)
    assert response.context["composition"].size == size
    assert response.context["after"].size == size + 5


# Step 2's workspace


def _workspace_context(cop, user, facts=None):
    request = RequestFactory().get("/")
    request.user = user
    return composition_workspace(request, community_access(user, cop), facts or {})


def test_workspace_gives_the_summary_and_counts(cop, facilitator, group):
    Intake.objects.create(membership=group[0], done_at=timezone.now())
    Intake.objects.create(membership=group[1])
    Candidate.objects.create(community=cop, name="K1")
    Candidate.objects.create(community=cop, name="K2", status="invited")
    context = _workspace_context(cop, facilitator)
    assert context["composition"].size == 4
    assert context["intake_done_count"] == 1
    counts = {status: count for status, _label, count in context["candidate_counts"]}
    assert counts["suggested"] == 1 and counts["invited"] == 1 and counts["member"] == 0
    html = render_to_string("composition/_dashboard_summary.html", {"community": cop, **context})
    assert "4 participants; the target is 20" in html
    assert "2 organisations have only one participant." in html
    assert "Not chosen by the CoP." in html


def test_workspace_reuses_the_group_and_hides_the_pipeline_from_observers(
    cop, observer, group, django_assert_max_num_queries
):
    facts = {"group": []}
    with django_assert_max_num_queries(3):  # membership, rules, intakes
        context = _workspace_context(cop, observer, facts)
    assert context["composition"].size == 0
    assert context["candidate_counts"] == []


def _fragments_exist() -> bool:
    try:
        get_template("composition/_workspace_pipeline.html")
        get_template("composition/_workspace_intakes.html")
    except TemplateDoesNotExist:
        return False
    return True


@pytest.mark.skipif(not _fragments_exist(), reason="the pipeline and intake fragments come later")
@pytest.mark.parametrize("persona", ["initiator", "facilitator", "participant", "observer"])
def test_step_two_page_shows_the_summary(client, cop, group, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("guide:cop_step", kwargs={"slug": cop.slug, "number": 2}))
    assert response.status_code == 200
    html = response.content.decode()
    assert _url("dashboard", cop) in html
    assert "participants; the target is 20" in html


# Charts


def test_chart_escapes_names_and_caps_the_bars():
    rows = [(f'<Org "{n}" & co>', 20 - n) for n in range(15)]
    svg = charts.bar_chart_svg(
        rows, charts.ChartLabels(title="T <1>", description="D & d"), uid="x"
    )
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "T <1>"
    assert len(root.findall(f".//{ns}rect")) == charts.MAX_BARS
    texts = [element.text for element in root.iter(f"{ns}text")]
    assert "3 more in the table" in texts
    assert root.find(f"{ns}g/{ns}title").text == '<Org "0" & co>'


def test_chart_with_what_if_draws_a_second_bar_per_category():
    svg = charts.bar_chart_svg(
        [("A", 2)],
        charts.ChartLabels(title="T", description="D"),
        uid="y",
        what_if=[("B", 1), ("A", 2)],
    )
    root = ET.fromstring(svg)
    labels = [
        g.find("{http://www.w3.org/2000/svg}title").text
        for g in root.iter("{http://www.w3.org/2000/svg}g")
    ]
    assert labels == ["B", "A"]  # the what-if order wins
    # Legend: two swatches; bars: A now, A after, B after (B has no bar now).
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) == 2 + 3

"""Starting a CoP from a template: empty, or with examples filled in by the apps."""

from django.urls import reverse

from gilde.communities.models import Community
from gilde.meetings.models import AgendaTemplate, EvaluationQuestion

FORM = {
    "name": "Buurtenergie",
    "slug": "",
    "description": "Hoe organiseren bewoners samen hun energie?",
    "policy": "closed",
    "start_date": "2026-03-02",
    "duration_months": 18,
    "cadence_weeks": 6,
    "target_size": 20,
}


def test_an_empty_start_fills_nothing(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("communities:create"), {**FORM, "starter": "empty"})
    assert response.status_code == 302
    cop = Community.objects.get(slug="buurtenergie")
    assert not cop.intended_yields.exists()
    assert not AgendaTemplate.objects.filter(community=cop).exists()
    assert not EvaluationQuestion.objects.filter(community=cop).exists()


def test_a_start_with_examples_fills_yields_questions_and_a_first_agenda(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("communities:create"), {**FORM, "starter": "example"})
    assert response.status_code == 302
    cop = Community.objects.get(slug="buurtenergie")
    assert set(cop.intended_yields.values_list("level", flat=True)) == {
        "participant",
        "organisation",
        "field",
        "initiator",
    }
    assert EvaluationQuestion.objects.filter(community=cop).count() == 4
    template = AgendaTemplate.objects.get(community=cop)
    assert any(item["is_break"] for item in template.items)
    assert (
        template.total_minutes
        <= cop.meetings.model._meta.get_field("duration_minutes").validators[1].limit_value
    )
    # The home leads with the first steps, the question first.
    home = client.get(response["Location"]).content.decode()
    assert home.index('id="begin-here"') < home.index('id="home-question"')


def test_an_unknown_starter_is_refused_and_nothing_is_created(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("communities:create"), {**FORM, "starter": "demo-x"})
    assert response.status_code == 200
    assert response.context["form"].errors["starter"]
    assert not Community.objects.filter(slug="buurtenergie").exists()

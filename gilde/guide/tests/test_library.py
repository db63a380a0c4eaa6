"""Filtering the work-form library: plain functions, then the pages."""

from dataclasses import replace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gilde.guide.content import PURPOSES, STAGES, TGI, load_guide
from gilde.guide.library import Filters, filter_work_forms
from gilde.guide.models import CustomWorkForm
from tests.factories import CommunityFactory

FORMS = load_guide("en").work_forms


def test_no_filters_returns_everything():
    assert filter_work_forms(FORMS, Filters()) == list(FORMS)


def test_search_matches_all_words_in_name_purpose_or_how_to():
    results = filter_work_forms(FORMS, Filters(query="TRIZ"))
    assert [form.key for form in results] == ["ls-triz"]
    assert filter_work_forms(FORMS, Filters(query="triz nonsenseword")) == []


@given(
    purpose=st.sampled_from(("", *PURPOSES)),
    stage=st.sampled_from(("", *STAGES)),
    tgi=st.sampled_from(("", *TGI)),
    step=st.one_of(st.none(), st.integers(1, 8)),
    minutes=st.one_of(st.none(), st.integers(1, 300)),
    group=st.one_of(st.none(), st.integers(1, 100)),
)
def test_every_result_satisfies_every_filter_and_nothing_fitting_is_dropped(
    purpose, stage, tgi, step, minutes, group
):
    filters = Filters("", purpose, stage, tgi, step, minutes, group)
    results = filter_work_forms(FORMS, filters)
    for form in FORMS:
        fits = (
            (not purpose or purpose in form.purposes)
            and (not stage or stage in form.stages)
            and (not tgi or tgi in form.tgi)
            and (step is None or step in form.steps)
            and (minutes is None or form.min_minutes <= minutes)
            and (group is None or form.min_group <= group <= form.max_group)
        )
        assert (form in results) == fits


def test_adding_a_filter_never_adds_results():
    broad = filter_work_forms(FORMS, Filters(stage="pair"))
    narrow = filter_work_forms(FORMS, replace(Filters(stage="pair"), minutes=20))
    assert set(f.key for f in narrow) <= set(f.key for f in broad)


def test_library_page_filters_with_get_parameters(client, db):
    response = client.get(reverse("guide:library"), {"q": "troika"})
    assert response.status_code == 200
    assert [form.key for form in response.context["results"]] == ["ls-troika-consulting"]


def test_search_uses_the_active_language(client, db):
    client.post(reverse("accounts:set_language"), {"language": "nl", "next": "/"})
    dutch = load_guide("nl").work_form("ls-1-2-4-all")
    word = dutch.purpose.split()[0]
    response = client.get(reverse("guide:library"), {"q": word})
    assert "ls-1-2-4-all" in [form.key for form in response.context["results"]]


def test_htmx_request_gets_only_the_results(client, db):
    response = client.get(
        reverse("guide:library"), {"stage": "pair"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.strip().startswith('<section id="results"')
    assert "<html" not in body


@pytest.mark.parametrize(
    "params",
    [{"stage": "circus"}, {"step": "9"}, {"step": "een"}, {"minutes": "-3"}, {"q": "x" * 201}],
)
def test_bad_filter_values_get_a_clear_message_not_an_error(client, db, params):
    response = client.get(reverse("guide:library"), params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_unknown_step_and_work_form_are_404_pages(client, db):
    assert client.get(reverse("guide:step", args=[9])).status_code == 404
    assert client.get(reverse("guide:step", args=[0])).status_code == 404
    assert client.get(reverse("guide:work_form", args=["bestaat-niet"])).status_code == 404


def _own(community, name="Onze eigen opening"):
    return CustomWorkForm.objects.create(
        community=community,
        name=name,
        purpose="Samen landen in de bijeenkomst.",
        how_to="1. Ieder noemt een woord.",
        min_minutes=10,
        max_minutes=15,
        stages=["plenary"],
        purposes=["connect"],
    )


def test_own_work_forms_show_only_in_their_own_cop(client, participant, outsider, cop):
    own = _own(cop)
    client.force_login(participant)
    page = client.get(reverse("guide:cop_library", args=[cop.slug])).content.decode()
    assert "Onze eigen opening" in page
    other = outsider.memberships.get().community
    client.force_login(outsider)
    page = client.get(reverse("guide:cop_library", args=[other.slug])).content.decode()
    assert "Onze eigen opening" not in page
    assert client.get(reverse("guide:cop_work_form", args=[other.slug, own.pk])).status_code == 404
    assert "Onze eigen opening" not in client.get(reverse("guide:library")).content.decode()


def test_facilitator_adds_edits_and_deletes_an_own_work_form(client, facilitator, cop):
    client.force_login(facilitator)
    data = {
        "name": "Wandelcheck",
        "purpose": "Bewegen en bijpraten.",
        "how_to": "1. Loop in tweetallen.",
        "min_minutes": "15",
        "max_minutes": "20",
        "stages": ["plenary", "pair"],
        "min_group": "2",
        "max_group": "30",
        "sides": ["physical"],
        "steps": ["4"],
    }
    response = client.post(reverse("guide:cop_work_form_new", args=[cop.slug]), data)
    assert response.status_code == 302
    form = cop.work_forms.get()
    assert form.stages == ["pair", "plenary"] and form.steps == [4]
    client.post(
        reverse("guide:cop_work_form_edit", args=[cop.slug, form.pk]), {**data, "name": "Loopcheck"}
    )
    form.refresh_from_db()
    assert form.name == "Loopcheck"
    client.post(reverse("guide:cop_work_form_delete", args=[cop.slug, form.pk]))
    assert not cop.work_forms.exists()
    actions = list(cop.audit_entries.values_list("action", flat=True))
    assert {"work_form.added", "work_form.changed", "work_form.deleted"} <= set(actions)


def test_bad_own_work_form_is_refused_with_messages(client, facilitator, cop):
    client.force_login(facilitator)
    response = client.post(
        reverse("guide:cop_work_form_new", args=[cop.slug]),
        {"name": "", "min_minutes": "30", "max_minutes": "10", "stages": ["dance"]},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "stages"} <= set(errors)
    assert not cop.work_forms.exists()


def test_participant_cannot_add_work_forms(client, participant, cop):
    client.force_login(participant)
    response = client.post(reverse("guide:cop_work_form_new", args=[cop.slug]), {"name": "X"})
    assert response.status_code == 403


@pytest.mark.parametrize("extra", [0, 456])
def test_library_query_budget(client, participant, cop, extra, django_assert_max_num_queries):
    CustomWorkForm.objects.bulk_create(
        CustomWorkForm(
            community=cop,
            name=f"Vorm {n}",
            purpose="Doel",
            how_to="Zo.",
            min_minutes=5,
            max_minutes=10,
            stages=["pair"],
        )
        for n in range(extra)
    )
    client.force_login(participant)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("guide:cop_library", args=[cop.slug]))
    assert response.context["total"] >= 44 + extra


def test_other_cop_cannot_be_reached_through_the_guide(client, participant, db):
    CommunityFactory(slug="geheim")
    client.force_login(participant)
    assert client.get(reverse("guide:cop_library", args=["geheim"])).status_code == 404

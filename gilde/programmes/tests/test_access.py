"""Who reaches a programme's pages: its managers only. Everyone else (a manager of another
programme, an initiator or member of one of its CoPs, anyone logged in) gets a 404, whether the
programme exists or not; anonymous visitors the login page (the API: 401)."""

import pytest
from django.test import Client
from django.urls import reverse

from gilde.programmes.models import LinkStatus, ProgrammeCop

PERSONAS = ["manager", "other_manager", "cop_initiator", "cop_participant", "stranger", "anon"]

OK = dict.fromkeys(PERSONAS, 404) | {"manager": 200, "anon": 302}
POST_ONLY = dict.fromkeys(PERSONAS, 404) | {"manager": 405, "anon": 302}

PAGES = {
    "programmes:overview": OK,
    "programmes:settings": OK,
    "programmes:cop": OK,
    "programmes:export": OK,
    "programmes:manager_add": POST_ONLY,
    "programmes:manager_remove": POST_ONLY,
    "programmes:invite": POST_ONLY,
    "programmes:labels": POST_ONLY,
    "programmes:report": OK,
    "programmes:report_status": OK,
    "programmes:report_preview": OK,
    "programmes:report_generate": POST_ONLY,
    # Nothing is made yet, so a manager finds no file either (test_report.py downloads one).
    "programmes:report_download": OK | {"manager": 404},
    "programmes:library": OK,
    "programmes:library_form": OK,
}


def _shared_form(cop):
    from gilde.guide.models import CustomWorkForm

    return CustomWorkForm.objects.get_or_create(
        community=cop,
        name="Gedeelde vorm",
        defaults={
            "purpose": "Doel",
            "how_to": "Zo",
            "min_minutes": 5,
            "max_minutes": 10,
            "shared_with_programmes": True,
        },
    )[0]


@pytest.fixture
def people(manager, other_manager, big_cop):
    from tests.factories import UserFactory

    return {
        "manager": manager,
        "other_manager": other_manager,
        "cop_initiator": big_cop.memberships.get(role="initiator").user,
        "cop_participant": big_cop.memberships.filter(role="participant").first().user,
        "stranger": UserFactory(),
        "anon": None,
    }


def _kwargs(name, programme, cop):
    kwargs = {"programme": programme.slug}
    if name in ("programmes:cop", "programmes:labels"):
        kwargs["slug"] = cop.slug
    if name == "programmes:export":
        kwargs["fmt"] = "csv"
    if name == "programmes:report_download":
        kwargs["fmt"] = "pdf"
    if name == "programmes:library_form":
        kwargs["shared"] = _shared_form(cop).pk
    if name == "programmes:manager_remove":
        kwargs["pk"] = programme.managers.first().pk
    return kwargs


def test_every_programme_url_is_in_this_table():
    from tests.test_access_matrix import url_patterns

    names = {
        name
        for name, _pattern in url_patterns()
        if name.startswith("programmes:") and not name.startswith("programmes:cop_")
    }
    assert names - {"programmes:mine", "programmes:create"} == set(PAGES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_programme_pages_are_for_its_managers_only(programme, big_cop, people, persona):
    client = Client()
    failures = []
    for slug in (programme.slug, "bestaat-niet"):
        for name, row in PAGES.items():
            if people[persona] is not None:
                client.force_login(people[persona])
            kwargs = _kwargs(name, programme, big_cop) | {"programme": slug}
            status = client.get(reverse(name, kwargs=kwargs)).status_code
            expected = row[persona]
            if slug != programme.slug and expected in (200, 405):
                expected = 404  # an unknown programme is a 404 for its managers too
            if status != expected:
                failures.append(f"GET {name} {slug}: {status}, expected {expected}")
            if expected != 405:
                continue
            posted = client.post(reverse(name, kwargs=kwargs)).status_code
            if posted >= 500 or posted in (403, 404):
                failures.append(f"POST {name}: {posted}")
    assert not failures, "\n".join(failures)


def test_a_cop_that_is_only_invited_or_left_is_a_404_for_the_manager(
    client, manager, programme, big_cop, cop
):
    ProgrammeCop.objects.create(programme=programme, community=cop, status=LinkStatus.INVITED)
    client.force_login(manager)
    assert client.get(reverse("programmes:cop", args=[programme.slug, cop.slug])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_answers_like_the_pages(programme, big_cop, people, persona):
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    status = client.get(f"/api/v1/programmes/{programme.slug}/figures").status_code
    expected = {"manager": 200, "anon": 401}.get(persona, 404)
    assert status == expected
    listed = client.get("/api/v1/programmes")
    if persona == "anon":
        assert listed.status_code == 401
    else:
        slugs = [item["slug"] for item in listed.json()["items"]]
        assert (programme.slug in slugs) == (persona == "manager")


def test_a_managers_read_token_reads_the_figures_and_another_token_does_not(
    programme, big_cop, manager, other_manager
):
    from gilde.accounts.services import api_token_create

    _token, secret = api_token_create(user=manager, name="Dashboard", scope="read", days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    body = client.get(f"/api/v1/programmes/{programme.slug}/figures").json()
    assert [cop["slug"] for cop in body["cops"]] == ["grote-cop"]
    assert body["cops"][0]["figures"]["members"] == {"value": 9.0, "state": "shown"}
    _token, other = api_token_create(user=other_manager, name="Ander", scope="read", days=30)
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {other}").get(
        f"/api/v1/programmes/{programme.slug}/figures"
    )
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"


def test_an_invited_cops_name_stays_hidden_until_it_joins(client, manager, programme, cop):
    # Not even its address: a row would prove that a CoP has it (test_invitations.py).
    link = ProgrammeCop.objects.create(
        programme=programme, community=cop, status=LinkStatus.INVITED
    )
    client.force_login(manager)
    url = reverse("programmes:settings", args=[programme.slug])
    page = client.get(url).content.decode()
    assert cop.name not in page
    assert f"/c/{cop.slug}/" not in page
    link.status = LinkStatus.MEMBER
    link.save()
    assert cop.name in client.get(url).content.decode()

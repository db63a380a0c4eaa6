"""The marker sweep: a programme manager sees no person-level data on any programme page,
export or API response. Every name, e-mail address, organisation, evaluation answer, experiment
and meeting title in the CoPs carries MARKER; none may reach the manager."""

import io

from django.urls import reverse

from .conftest import MARKER


def _xlsx_text(body: bytes) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).active
    return "\n".join(str(cell.value or "") for row in sheet.iter_rows() for cell in row)


def _everything_a_manager_reads(client, programme, cops) -> dict[str, str]:
    pages = {
        "overview": reverse("programmes:overview", args=[programme.slug]),
        "overview filtered": reverse("programmes:overview", args=[programme.slug])
        + "?theme=Energie",
        "settings": reverse("programmes:settings", args=[programme.slug]),
        "csv": reverse("programmes:export", args=[programme.slug, "csv"]),
        "api list": "/api/v1/programmes",
        "api figures": f"/api/v1/programmes/{programme.slug}/figures",
    }
    for cop in cops:
        pages[f"cop {cop.slug}"] = reverse("programmes:cop", args=[programme.slug, cop.slug])
    found = {}
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, label
        found[label] = response.content.decode("utf-8")
    xlsx = client.get(reverse("programmes:export", args=[programme.slug, "xlsx"]))
    found["xlsx"] = _xlsx_text(xlsx.content)
    return found


def test_no_page_export_or_api_response_shows_a_person(
    client, manager, programme, big_cop, small_cop
):
    client.force_login(manager)
    found = _everything_a_manager_reads(client, programme, [big_cop, small_cop])
    leaks = [label for label, text in found.items() if MARKER in text or "marker-" in text]
    assert not leaks, f"person-level data on: {leaks}"
    # The sweep looked at real pages: the figures are there.
    assert "Grote CoP" in found["overview"] and "Kleine CoP" in found["csv"]


def test_the_reflection_shows_only_for_the_cop_that_shares_it(
    client, manager, programme, big_cop, small_cop
):
    client.force_login(manager)
    shared = client.get(reverse("programmes:cop", args=[programme.slug, big_cop.slug]))
    assert "Shared reflection of grote-cop" in shared.content.decode()
    withheld = client.get(reverse("programmes:cop", args=[programme.slug, small_cop.slug]))
    assert "Shared reflection of kleine-cop" not in withheld.content.decode()


def test_small_numbers_are_words_in_every_output(client, manager, programme, small_cop):
    client.force_login(manager)
    body = client.get(f"/api/v1/programmes/{programme.slug}/figures").json()
    members = body["cops"][0]["figures"]["members"]
    assert members == {"value": None, "state": "few"}
    assert body["totals"]["members"] is None
    csv = client.get(reverse("programmes:export", args=[programme.slug, "csv"])).content
    assert ",4," not in csv.decode()  # the 4 members (3 + initiator) appear nowhere

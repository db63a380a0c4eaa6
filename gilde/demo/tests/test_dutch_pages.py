"""A walk through the demo CoP in Dutch, as a facilitator and as a participant, looking for the
small mistakes a Dutch reader trips over: "1 mensen", "70 %", "Okt", "op Dinsdag", brackets in
brackets, "facilitatoren"."""

import html
import re

import pytest
from django.urls import reverse

from gilde.accounts.models import User
from gilde.demo.services import demo_load

PLURALS = (
    "mensen|deelnemers|kandidaten|leden|bijeenkomsten|rijen|categorieën|minuten|antwoorden|"
    "oorzaken|gevolgen|stakeholders|maanden|weken|organisaties|signalen|versies|reacties"
)
MISTAKES = {
    "a plural after 1": re.compile(rf"(?<![\d,.])1 ({PLURALS})\b"),
    "1 … hebben": re.compile(r"(?<![\d,.])1 van de \d+ hebben\b"),
    "a space before %": re.compile(r"\d\s%"),
    "a title-case month": re.compile(
        r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b"
    ),
    "a capitalised day mid-sentence": re.compile(
        r"[a-z,] (Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag)\b"
    ),
    "brackets in brackets": re.compile(r"\([^()]*\([^()]*\)\)"),
    "facilitatoren": re.compile(r"[Ff]acilitatoren"),
    "a singular heading over several": re.compile(
        r"\b(Initiatiefnemer|Facilitator|Deelnemer|Toeschouwer) \((?:[2-9]|\d{2,})\)"
    ),
}


def _main_text(response) -> str:
    page = response.content.decode()
    main = re.search(r"<main.*?</main>", page, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else page)
    return re.sub(r"\s+", " ", html.unescape(text))


def _pages(cop) -> list[str]:
    slug = {"slug": cop.slug}
    names = [
        "communities:detail",
        "communities:members",
        "communities:audit",
        "communities:invite",
        "communities:settings",
        "question:history",
        "question:signals",
        "question:yields",
        "question:stakeholders",
        "question:tree",
        "question:request_comments",
        "composition:dashboard",
        "composition:candidates",
        "composition:intakes",
        "meetings:calendar",
        "meetings:facilitation",
        "meetings:evaluation_trend",
        "impact:overview",
    ]
    urls = [reverse(name, kwargs=slug) for name in names]
    urls += [reverse("guide:cop_step", kwargs={**slug, "number": n}) for n in range(1, 9)]
    meetings = list(cop.meetings.order_by("starts_at"))
    held = [m for m in meetings if m.status == "held"][-2:]
    coming = [m for m in meetings if m.status != "held"][:1]
    for meeting in held + coming:
        for name in ("detail", "agenda", "evaluation_results", "prepare"):
            urls.append(reverse(f"meetings:{name}", kwargs={**slug, "pk": meeting.pk}))
    member = cop.memberships.filter(role="participant").order_by("pk").first()
    for name in ("composition:profile", "composition:intake", "impact:member"):
        urls.append(reverse(name, kwargs={**slug, "pk": member.pk}))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["facilitator@example.org", "deelnemer@example.org"])
def test_the_demo_reads_as_proper_dutch(client, email):
    cop = demo_load().main
    client.force_login(User.objects.get(email=email))
    client.cookies["gilde_language"] = "nl"
    found, read = [], 0
    for url in _pages(cop):
        response = client.get(url)
        if response.status_code != 200:  # not this person's page
            continue
        read += 1
        text = _main_text(response)
        for mistake, pattern in MISTAKES.items():
            for match in pattern.finditer(text):
                found.append(f"{url}: {mistake}: …{text[max(0, match.start() - 40) : match.end()]}")
    assert read >= 15
    assert found == []

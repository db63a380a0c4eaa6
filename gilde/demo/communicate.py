"""Step 8 of the main demo CoP: a dozen results across the yield levels (some public), a
communication plan with four audiences, and the public results page switched on."""

from datetime import datetime, timedelta

from gilde.accounts.models import Organisation
from gilde.communicate.models import Audience, PlanItem, PlanStatus, PublicPage, Result
from gilde.communities.models import Community, Role

# (title, kind, level, days after the start, public, organisations, description)
RESULTS = [
    (
        "Inkoopwijzer sociaal-circulair",
        "tool",
        "organisation",
        40,
        True,
        ["Gemeente Waaldonk"],
        "Een checklist voor inkopers: welke eisen passen bij een circulaire "
        "en inclusieve opdracht, met voorbeelden uit de regio.",
    ),
    (
        "Leerwerkplek demontage",
        "collaboration",
        "participant",
        35,
        False,
        ["Werkbedrijf Maasvallei", "Kringloopcentrum De Tweede Ronde"],
        "Twee kandidaten leren demonteren in de werkplaats van de kringloop.",
    ),
    (
        "Factsheet hergebruik bouwmaterialen",
        "publication",
        "field",
        60,
        True,
        ["Hogeschool Rijnstede, lectoraat Sociaal-Circulaire Economie"],
        "Vier pagina's over wat hergebruik in renovatie oplevert en wat het kost.",
    ),
    (
        "Werkwijze intervisie op casus",
        "method",
        "participant",
        20,
        False,
        [],
        "Onze vaste opzet voor casusbespreking in drie rondes.",
    ),
    (
        "Afspraak afnamegarantie textiel",
        "procedure",
        "organisation",
        70,
        False,
        ["Vezelkracht Textielrecycling", "Zorggroep De Linde"],
        "De zorggroep levert bedrijfskleding aan voor recycling, met een vaste prijs.",
    ),
    (
        "Regionale kaart circulaire werkplekken",
        "tool",
        "field",
        55,
        True,
        ["Werkgeversservicepunt Regio Waaldonk"],
        "Een overzicht van plekken waar mensen met afstand tot werk circulair kunnen werken.",
    ),
    (
        "Tussenrapportage aan het fonds",
        "publication",
        "initiator",
        80,
        False,
        ["Fonds Nieuw Werk Oostmark"],
        "Wat de eerste drie maanden opleverden, voor het fonds.",
    ),
    (
        "Gezamenlijke aanvraag pilot renovatie",
        "collaboration",
        "organisation",
        65,
        False,
        ["Woonstichting Thuis aan de Dijk", "Bouwbedrijf Van der Steen & Zn."],
        "Een aanvraag voor een pilot met hergebruikte materialen in tien woningen.",
    ),
    (
        "Nieuwe stap in het inkoopproces",
        "procedure",
        "organisation",
        75,
        False,
        ["Gemeente Beekhoven"],
        "Bij elke aanbesteding boven 50.000 euro een circulaire toets.",
    ),
    (
        "Blog: wat we leerden van de eerste pilot",
        "publication",
        "field",
        85,
        True,
        [],
        "Een openhartig verslag van wat tegenviel en wat werkte.",
    ),
    (
        "Vaardigheidsprofiel demontagemedewerker",
        "tool",
        "participant",
        50,
        True,
        ["Praktijkschool De Bouwplaats"],
        "Welke vaardigheden het werk vraagt, per niveau.",
    ),
    (
        "Netwerk van inkopers in de regio",
        "collaboration",
        "initiator",
        45,
        False,
        ["Gemeente Waaldonk", "Gemeente Beekhoven"],
        "Inkopers van drie gemeenten spreken elkaar nu elk kwartaal.",
    ),
]

PLAN = [
    (
        Audience.ORGANISATIONS,
        "Wat de CoP uw organisatie tot nu toe bracht, en wat we nodig hebben.",
        "Rapport per organisatie, besproken met de sponsor",
        -2,
        "facilitator@example.org",
    ),
    (
        Audience.FUNDER,
        "Wat we wilden bereiken, wat het opleverde en wat volgt.",
        "Rapport voor het fonds",
        60,
        None,
    ),
    (
        Audience.FIELD,
        "De lessen en resultaten die anderen in het veld kunnen gebruiken.",
        "Openbare resultatenpagina en een rapport voor het veld",
        200,
        None,
    ),
    (
        Audience.PARTICIPANTS,
        "Waar we staan: wat we samen bereikten en wat nog open is.",
        "Op de bijeenkomst",
        -5,
        "facilitator@example.org",
    ),
]


def load_communicate(*, community: Community, users: dict, now: datetime) -> None:
    if community.results.exists():
        return
    start = community.start_date
    today = now.date()
    organisations = {o.name: o for o in Organisation.objects.all()}
    adder = users.get("facilitator@example.org")
    for title, kind, level, days, public, names, description in RESULTS:
        result = Result.objects.create(
            community=community,
            title=title,
            kind=kind,
            level=level,
            description=description,
            achieved_on=min(start + timedelta(days=days), today),
            visibility="public" if public else "group",
            added_by=adder,
            link="https://example.org/" + title.lower().replace(" ", "-")[:40] if public else "",
        )
        result.organisations.set([organisations[n] for n in names if n in organisations])
    owners = {
        m.user.email: m
        for m in community.memberships.filter(role=Role.FACILITATOR).select_related("user")
    }
    for audience, message, channel, days, owner in PLAN:
        PlanItem.objects.create(
            community=community,
            audience=audience,
            message=message,
            channel=channel,
            moment=today + timedelta(days=days),
            owner=owners.get(owner) if owner else None,
            status=PlanStatus.DONE if days < -3 else PlanStatus.PLANNED,
        )
    page, _created = PublicPage.objects.get_or_create(
        community=community,
        defaults={
            "enabled": True,
            "summary": "Werkgevers, gemeenten en kennisinstellingen uit de regio werken samen "
            "aan circulair werk voor mensen met afstand tot de arbeidsmarkt.",
        },
    )
    page.organisations.set(
        [
            organisations[n]
            for n in ("Gemeente Waaldonk", "Werkbedrijf Maasvallei")
            if n in organisations
        ]
    )

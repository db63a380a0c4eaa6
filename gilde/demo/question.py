"""Step 1 of the main demo CoP: a question sharpened over three versions, and the work around it.

Sources and links are fictional (example.org); the organisations in them do not exist.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gilde.communities.models import Community
from gilde.question import services
from gilde.question.models import QuestionVersion, VersionComment

_BASE = {
    "domain": (
        "Sociaal-circulaire bedrijven in de regio Waaldonk-Beekhoven: kringloop, reparatie, "
        "textielsortering en circulair renoveren, waarin mensen met een afstand tot de "
        "arbeidsmarkt werken en leren."
    ),
    "scope_in": "Kringloop- en reparatiebedrijven\nSociale ontwikkelbedrijven\nInkoop door gemeenten en corporaties",
    "scope_out": "Landelijke wet- en regelgeving\nAfvalinzameling door huishoudens",
    "solved_picture": (
        "Sociaal-circulaire bedrijven draaien zonder jaarlijkse subsidiegaten, opdrachtgevers "
        "kopen er structureel in, en medewerkers stromen door naar werk of blijven met perspectief."
    ),
    "binding": "Leidinggevenden, inkopers, werkbegeleiders en beleidsmakers die sociaal en circulair willen combineren",
}

VERSIONS = [
    (
        "initiator@example.org",
        -70,
        "Eerste opzet voor de kick-off",
        {
            "core_question": "Hoe maken we de regio circulairder?",
            "research_questions": "Welke circulaire initiatieven zijn er al?",
        },
    ),
    (
        "facilitator@example.org",
        -40,
        "Na de intakes: het gaat om de combinatie van sociaal en circulair",
        {
            "core_question": "Hoe combineren we circulair ondernemen met werk voor mensen met een afstand tot de arbeidsmarkt?",
            "research_questions": "Welke verdienmodellen werken al?\nWat vraagt goede begeleiding op de werkvloer?",
        },
    ),
    (
        "facilitator@example.org",
        10,
        "Scherper na bijeenkomst 1: financiering en inkoop zijn de knelpunten",
        {
            "core_question": "Hoe organiseren we sociaal-circulaire bedrijvigheid in de regio zo dat zij financieel op eigen benen staat en mensen er duurzaam werk vinden?",
            "research_questions": "Welke verdienmodellen dragen zowel de circulaire activiteit als de begeleiding?\nHoe kunnen gemeenten en corporaties via inkoop structureel afnemen?\nWat heeft begeleiding op de werkvloer nodig om betaalbaar te blijven?",
        },
    ),
]

COMMENTS = [
    (
        1,
        "marloes.van.leeuwen@example.org",
        "Circulair is breed. Gaat het ons om grondstoffen of om mensen?",
    ),
    (
        2,
        "mohamed.ouali@example.org",
        "Vanuit inkoop: zet de opdrachtgevers er expliciet in, daar zit het geld.",
    ),
    (
        2,
        "deelnemer@example.org",
        "Begeleiding wordt nu vaak maar voor een jaar betaald. Dat hoort in de vraag.",
    ),
    (
        3,
        "procesfacilitator@example.org",
        "Mooi scherp. Laten we over drie bijeenkomsten kijken of 'op eigen benen' meetbaar is.",
    ),
]

SIGNALS = [
    (
        "Regionale monitor: kringloopomzet stijgt, marges dalen",
        "trend_report",
        "https://kennisbank.example.org/monitor-kringloop-2026",
        "",
        -120,
        "De vraag naar tweedehands groeit, maar de marges dekken de begeleiding niet.",
    ),
    (
        "Onderzoek lectoraat: begeleiding kost 30 procent van de loonsom",
        "research",
        "",
        "Hogeschool Rijnstede, werkpaper 2026-03",
        -95,
        "Laat zien waarom verdienmodellen zonder inkoopafspraken vastlopen.",
    ),
    (
        "Gemeente Waaldonk neemt social return op in alle aanbestedingen",
        "policy",
        "https://waaldonk.example.org/raadsbesluit-social-return",
        "",
        -60,
        "Opent de deur voor structurele afname, als bedrijven kunnen leveren.",
    ),
    (
        "Textielsorteerder stopt na wegvallen subsidie",
        "news",
        "https://nieuws.example.org/textiel-sorteerder-stopt",
        "",
        -30,
        "Tweede sluiting in een jaar; de urgentie wordt breder gevoeld.",
    ),
    (
        "Werkbegeleiders zien uitval na afloop van trajecten",
        "practice",
        "",
        "Gesprekken tijdens de intakes",
        -20,
        "Vijf deelnemers noemden hetzelfde patroon los van elkaar.",
    ),
]

YIELDS = [
    (
        "participant",
        "Elke deelnemer heeft een verdienmodel of inkoopafspraak voor de eigen organisatie uitgewerkt.",
    ),
    ("participant", "Deelnemers kunnen de combinatie sociaal-circulair uitleggen aan hun bestuur."),
    ("organisation", "Minstens vijf organisaties sluiten een meerjarige afnameafspraak."),
    ("organisation", "Begeleiding op de werkvloer staat als vaste post op de begroting."),
    (
        "field",
        "Een regionale aanpak voor social return die sociaal-circulaire bedrijven voorrang geeft.",
    ),
    ("field", "Een openbaar overzicht van werkende verdienmodellen."),
    ("initiator", "Inzicht voor de gemeente in welke inkoopinstrumenten het verschil maken."),
    ("initiator", "Een voorstel voor het regionale programma 2028-2031."),
]

STAKEHOLDERS = [
    (
        "Gemeente Waaldonk",
        "overheid",
        "Gemeente Waaldonk",
        5,
        5,
        "supportive",
        "Initiatiefnemer; inkoop en re-integratie in één hand.",
    ),
    (
        "Gemeente Beekhoven",
        "overheid",
        "Gemeente Beekhoven",
        4,
        3,
        "neutral",
        "Wil aansluiten, maar wacht op resultaten.",
    ),
    (
        "Woonstichting Thuis aan de Dijk",
        "bedrijfsleven",
        "",
        4,
        4,
        "supportive",
        "Grote opdrachtgever voor circulair renoveren.",
    ),
    (
        "Provincie Oostmark",
        "overheid",
        "",
        5,
        2,
        "neutral",
        "Financiert regionale programma's; weinig zicht op de CoP.",
    ),
    ("UWV regio", "overheid", "", 3, 3, "neutral", "Bepaalt mee over loonkostensubsidies."),
    (
        "Kringloopbranche regio",
        "bedrijfsleven",
        "",
        2,
        5,
        "supportive",
        "Voelt de knelpunten het eerst.",
    ),
    (
        "Afvalbeheer Regio Oost",
        "bedrijfsleven",
        "",
        3,
        4,
        "supportive",
        "Levert grondstoffen; wil minder restafval.",
    ),
    (
        "Regionale banken",
        "bedrijfsleven",
        "",
        4,
        1,
        "unknown",
        "Kunnen voorfinancieren; nog niet benaderd.",
    ),
    (
        "Hogeschool Rijnstede",
        "kennis",
        "",
        2,
        4,
        "supportive",
        "Lectoraat onderzoekt verdienmodellen.",
    ),
    (
        "Bewonersplatform Beekhoven",
        "maatschappij",
        "",
        1,
        3,
        "critical",
        "Vreest concurrentie met lokale winkels.",
    ),
]

TREE = {
    "central_problem": "Sociaal-circulaire bedrijven in de regio redden het financieel niet zonder tijdelijke subsidies",
    "causes": [
        (
            "Opdrachtgevers kopen incidenteel in",
            ["Aanbestedingen belonen de laagste prijs", "Inkopers kennen het aanbod niet"],
        ),
        (
            "Begeleiding op de werkvloer wordt per traject betaald",
            ["Financiering loopt maar een jaar"],
        ),
        (
            "Verdienmodellen zijn kwetsbaar",
            ["Lage marges op tweedehands", "Weinig schaal per bedrijf"],
        ),
    ],
    "effects": [
        ("Bedrijven sluiten of krimpen", ["Kennis en netwerk gaan verloren"]),
        ("Mensen vallen na hun traject terug in een uitkering", []),
    ],
}

# The socio-technical problem analysis for some parties of the grid: what they do now, the
# alternatives, why those are not taken up, and what that comes down to.
ANALYSIS = [
    (
        "Gemeente Waaldonk",
        "Koopt renovatie en groenonderhoud in op laagste prijs; re-integratie loopt via losse trajecten.",
        "Social return en circulaire criteria in elke aanbesteding; meerjarige afspraken met leerwerkbedrijven.",
        "Inkoop en re-integratie zitten op verschillende afdelingen met eigen budgetten en doelen.",
        ["interests", "rules"],
    ),
    (
        "Woonstichting Thuis aan de Dijk",
        "Laat bij mutatie keukens en deuren afvoeren als afval; aannemers werken met nieuw materiaal.",
        "Onderdelen laten oogsten door een leerwerkbedrijf en in andere woningen hergebruiken.",
        "Onbekend of hergebruikt materiaal aan de garantie-eisen voldoet; opslag kost ruimte en geld.",
        ["knowledge", "resources"],
    ),
    (
        "Kringloopbranche regio",
        "Begeleidt mensen op de werkvloer zonder vaste methode; elk bedrijf vindt het wiel zelf uit.",
        "Een gedeelde leerlijn en uitwisseling van begeleiders tussen bedrijven.",
        "Bedrijven zien elkaar ook als concurrent om dezelfde opdrachten en subsidies.",
        ["interests", "norms"],
    ),
]

LAYERS = {
    "niche": "Repair cafés en leerwerkplaatsen in circulair renoveren; een eerste inkoopafspraak van de woonstichting.",
    "regime": "Aanbesteden op laagste prijs, re-integratiegeld per traject, afvalbeleid dat op verwerking stuurt in plaats van hergebruik.",
    "landscape": "Krappe arbeidsmarkt, stijgende grondstofprijzen, Europese doelen voor textiel en bouwafval.",
}


def _moment(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_question(*, community: Community, users: dict, start: date) -> None:
    """Fill step 1 once; a CoP that has versions already is left as it is."""
    if community.question_versions.exists():
        return
    actor = users["initiator@example.org"]
    sheet = services.sheet_for(community)
    for email, offset, note, fields in VERSIONS:
        version = services.question_save(
            community=community,
            actor=users[email],
            revision=sheet.revision,
            note=note,
            **{**_BASE, **fields},
        )
        sheet.refresh_from_db()
        when = _moment(start + timedelta(days=offset), 10)
        QuestionVersion.objects.filter(pk=version.pk).update(created_at=when)
    for number, email, body in COMMENTS:
        version = community.question_versions.get(number=number)
        comment = services.comment_add(version=version, author=users[email], body=body)
        VersionComment.objects.filter(pk=comment.pk).update(
            created_at=version.created_at + timedelta(days=2)
        )
    for title, kind, url, reference, offset, note in SIGNALS:
        services.urgency_signal_add(
            community=community,
            actor=actor,
            title=title,
            kind=kind,
            source_url=url,
            source_reference=reference,
            date=start + timedelta(days=offset),
            note=note,
        )
    for level, text in YIELDS:
        services.yield_add(community=community, actor=actor, level=level, text=text)
    for name, kind, organisation, power, interest, attitude, note in STAKEHOLDERS:
        services.stakeholder_add(
            community=community,
            actor=actor,
            name=name,
            kind=kind,
            organisation=organisation,
            power=power,
            interest=interest,
            attitude=attitude,
            note=note,
        )
    tree = services.problem_tree_save(
        community=community, actor=actor, central_problem=TREE["central_problem"]
    )
    for kind in ("causes", "effects"):
        for text, children in TREE[kind]:
            node = services.problem_node_add(tree=tree, actor=actor, kind=kind[:-1], text=text)
            for child in children:
                services.problem_node_add(
                    tree=tree, actor=actor, kind=kind[:-1], text=child, parent=node
                )
    parties = {party.name: party for party in community.stakeholders.all()}
    for name, practices, alternatives, barriers, kinds in ANALYSIS:
        services.party_analysis_save(
            stakeholder=parties[name],
            actor=actor,
            practices=practices,
            alternatives=alternatives,
            barriers=barriers,
            barrier_kinds=kinds,
        )
    layers = services.layers_for(community)
    services.layers_save(community=community, actor=actor, revision=layers.revision, **LAYERS)

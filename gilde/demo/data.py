"""The demo's people, organisations and CoPs: fictional, but as a Dutch region would have them.

Every e-mail address uses the reserved domain example.org. Organisation and place names are
invented (Waaldonk, Beekhoven, Oostmark); any likeness to a real one is chance.
"""

from dataclasses import dataclass

# The demo accounts' published password (README), not a secret.
PASSWORD = "gilde-demo"  # nosec B105


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    organisation: str
    function: str
    discipline: str
    knowledge_type: str  # practice / theory / both


@dataclass(frozen=True)
class Member:
    email: str
    role: str  # initiator / facilitator / participant / observer
    focus: str = ""  # content / process, facilitators only
    # How the person came in, for the audit log: "invitation" or "application".
    via: str = "invitation"


# Organisation name → industry (branche). A person's industry is their organisation's.
ORGANISATIONS = {
    "Kringloopcentrum De Tweede Ronde": "Kringloop en hergebruik",
    "Werkbedrijf Maasvallei": "Sociaal ontwikkelbedrijf",
    "Gemeente Waaldonk": "Lokale overheid",
    "Gemeente Beekhoven": "Lokale overheid",
    "Woonstichting Thuis aan de Dijk": "Wonen",
    "Hogeschool Rijnstede, lectoraat Sociaal-Circulaire Economie": "Onderwijs en onderzoek",
    "Zorggroep De Linde": "Zorg en welzijn",
    "Afvalbeheer Regio Oost": "Afval en grondstoffen",
    "Bouwbedrijf Van der Steen & Zn.": "Bouw",
    "Vezelkracht Textielrecycling": "Textiel",
    "Werkgeversservicepunt Regio Waaldonk": "Arbeidsmarkt en re-integratie",
    "Eethuys De Smaakmakers": "Horeca en catering",
    "Bureau Samen Verder": "Advies en procesbegeleiding",
    "Fonds Nieuw Werk Oostmark": "Fondsen en filantropie",
    "Aannemersbedrijf Hofstede": "Bouw",
    "Praktijkschool De Bouwplaats": "Onderwijs en onderzoek",
}

PEOPLE = [
    # Initiator, facilitators and observers of the main CoP.
    Person(
        "initiator@example.org",
        "Ingrid Bakker",
        "Gemeente Waaldonk",
        "Programmamanager circulaire economie",
        "Bestuurskunde",
        "both",
    ),
    Person(
        "facilitator@example.org",
        "Sanne Mulder",
        "Hogeschool Rijnstede, lectoraat Sociaal-Circulaire Economie",
        "Senior onderzoeker",
        "Bedrijfskunde",
        "theory",
    ),
    Person(
        "procesfacilitator@example.org",
        "Ruben Verhoeven",
        "Bureau Samen Verder",
        "Procesbegeleider",
        "Organisatiepsychologie",
        "practice",
    ),
    Person(
        "observer@example.org",
        "Hans Kuipers",
        "Werkbedrijf Maasvallei",
        "Directeur-bestuurder",
        "Bedrijfsvoering",
        "practice",
    ),
    Person(
        "financier@example.org",
        "Esther van Dam",
        "Fonds Nieuw Werk Oostmark",
        "Programmaadviseur",
        "Economie",
        "both",
    ),
    # The twenty participants.
    Person(
        "deelnemer@example.org",
        "Fatima El Amrani",
        "Kringloopcentrum De Tweede Ronde",
        "Teamleider werkleerbedrijf",
        "Arbeidsagogiek",
        "practice",
    ),
    Person(
        "bram.de.wit@example.org",
        "Bram de Wit",
        "Kringloopcentrum De Tweede Ronde",
        "Bedrijfsleider",
        "Logistiek",
        "practice",
    ),
    Person(
        "anouk.smeets@example.org",
        "Anouk Smeets",
        "Kringloopcentrum De Tweede Ronde",
        "Coördinator upcycling en verkoop",
        "Productontwerp",
        "both",
    ),
    Person(
        "yusuf.demir@example.org",
        "Yusuf Demir",
        "Werkbedrijf Maasvallei",
        "Jobcoach",
        "Arbeidsagogiek",
        "practice",
    ),
    Person(
        "marloes.van.leeuwen@example.org",
        "Marloes van Leeuwen",
        "Werkbedrijf Maasvallei",
        "Accountmanager werkgevers",
        "Commerciële economie",
        "practice",
    ),
    Person(
        "theo.brouwer@example.org",
        "Theo Brouwer",
        "Werkbedrijf Maasvallei",
        "Hoofd demontage en recycling",
        "Werktuigbouwkunde",
        "practice",
    ),
    Person(
        "lotte.jansen@example.org",
        "Lotte Jansen",
        "Gemeente Waaldonk",
        "Beleidsadviseur werk en inkomen",
        "Sociologie",
        "both",
    ),
    Person(
        "mohamed.ouali@example.org",
        "Mohamed Ouali",
        "Gemeente Waaldonk",
        "Inkoopadviseur social return",
        "Inkoop en contractmanagement",
        "practice",
    ),
    Person(
        "eva.hoekstra@example.org",
        "Eva Hoekstra",
        "Gemeente Beekhoven",
        "Beleidsmedewerker duurzaamheid",
        "Milieukunde",
        "theory",
    ),
    Person(
        "priya.ramdin@example.org",
        "Priya Ramdin",
        "Woonstichting Thuis aan de Dijk",
        "Projectleider circulair renoveren",
        "Bouwkunde",
        "both",
    ),
    Person(
        "wouter.kramer@example.org",
        "Wouter Kramer",
        "Woonstichting Thuis aan de Dijk",
        "Wijkconsulent",
        "Sociaal werk",
        "practice",
    ),
    Person(
        "joost.van.den.berg@example.org",
        "Joost van den Berg",
        "Hogeschool Rijnstede, lectoraat Sociaal-Circulaire Economie",
        "Lector sociaal-circulaire economie",
        "Economische geografie",
        "theory",
    ),
    Person(
        "iris.claassen@example.org",
        "Iris Claassen",
        "Hogeschool Rijnstede, lectoraat Sociaal-Circulaire Economie",
        "Docent-onderzoeker",
        "Sociaal werk",
        "both",
    ),
    Person(
        "annelies.post@example.org",
        "Annelies Post",
        "Zorggroep De Linde",
        "Coördinator dagbesteding",
        "Verpleegkunde",
        "practice",
    ),
    Person(
        "kevin.schouten@example.org",
        "Kevin Schouten",
        "Afvalbeheer Regio Oost",
        "Manager grondstoffen",
        "Milieutechnologie",
        "both",
    ),
    Person(
        "sevda.yilmaz@example.org",
        "Sevda Yilmaz",
        "Afvalbeheer Regio Oost",
        "HR-adviseur",
        "Personeelsmanagement",
        "practice",
    ),
    Person(
        "gert-jan.van.der.steen@example.org",
        "Gert-Jan van der Steen",
        "Bouwbedrijf Van der Steen & Zn.",
        "Directeur",
        "Civiele techniek",
        "practice",
    ),
    Person(
        "noor.visser@example.org",
        "Noor Visser",
        "Vezelkracht Textielrecycling",
        "Oprichter",
        "Textieltechnologie",
        "both",
    ),
    Person(
        "nadia.bouzid@example.org",
        "Nadia Bouzid",
        "Werkgeversservicepunt Regio Waaldonk",
        "Adviseur inclusief werkgeverschap",
        "Arbeids- en organisatiekunde",
        "practice",
    ),
    Person(
        "daan.willems@example.org",
        "Daan Willems",
        "Eethuys De Smaakmakers",
        "Bedrijfsleider en leermeester",
        "Horeca en voedseltechnologie",
        "practice",
    ),
    # Only in the open CoP, or applying to the closed one.
    Person(
        "bart.hofstede@example.org",
        "Bart Hofstede",
        "Aannemersbedrijf Hofstede",
        "Uitvoerder",
        "Bouwkunde",
        "practice",
    ),
    Person(
        "linda.vermeulen@example.org",
        "Linda Vermeulen",
        "Aannemersbedrijf Hofstede",
        "Inkoper",
        "Inkoop en contractmanagement",
        "practice",
    ),
    Person(
        "erik.dijkstra@example.org",
        "Erik Dijkstra",
        "Praktijkschool De Bouwplaats",
        "Stagecoördinator",
        "Onderwijskunde",
        "both",
    ),
]

MAIN_SLUG = "sociaal-circulair-ondernemen"

MAIN_COMMUNITY = {
    "name": "Sociaal-circulair ondernemen in de regio",
    "slug": MAIN_SLUG,
    "policy": "closed",
    "listed": True,
    "duration_months": 18,
    "cadence_weeks": 6,
    "target_size": 20,
    "description": (
        "In de regio Waaldonk-Beekhoven werken kringloopbedrijven, sociale ondernemingen, "
        "gemeenten, een woningcorporatie, zorg, onderwijs en bedrijven aan twee opgaven die "
        "elkaar nog te weinig vinden: grondstoffen en producten langer in gebruik houden, en werk "
        "bieden aan mensen met een afstand tot de arbeidsmarkt. Demontage, reparatie, upcycling, "
        "textielsortering en circulair renoveren vragen veel handen, maar de verdienmodellen zijn "
        "kwetsbaar, aanbestedingen belonen de laagste prijs en begeleiding op de werkvloer wordt "
        "vaak maar voor korte tijd betaald.\n\n"
        "Onze hoe-vraag: hoe organiseren we sociaal-circulaire bedrijvigheid in de regio zo dat "
        "zij financieel op eigen benen staat en mensen met een afstand tot de arbeidsmarkt er "
        "duurzaam werk en ontwikkeling in vinden?\n\n"
        "In achttien maanden komen we elke zes weken bij elkaar, brengen we eigen praktijkcasussen "
        "in, proberen we tussen de bijeenkomsten iets nieuws uit in onze eigen organisatie en "
        "delen we wat werkt, wat niet werkt en waarom. De CoP is besloten: wie wil meedoen, meldt "
        "zich aan met een korte motivatie."
    ),
}

# Roles of the main CoP's members; the initiator comes in through community_create.
MAIN_MEMBERS = [
    Member("facilitator@example.org", "facilitator", "content"),
    Member("procesfacilitator@example.org", "facilitator", "process"),
    Member("observer@example.org", "observer"),
    Member("financier@example.org", "observer"),
    Member("deelnemer@example.org", "participant"),
    Member("bram.de.wit@example.org", "participant"),
    Member("anouk.smeets@example.org", "participant", via="application"),
    Member("yusuf.demir@example.org", "participant"),
    Member("marloes.van.leeuwen@example.org", "participant"),
    Member("theo.brouwer@example.org", "participant"),
    Member("lotte.jansen@example.org", "participant"),
    Member("mohamed.ouali@example.org", "participant", via="application"),
    Member("eva.hoekstra@example.org", "participant"),
    Member("priya.ramdin@example.org", "participant"),
    Member("wouter.kramer@example.org", "participant"),
    Member("joost.van.den.berg@example.org", "participant"),
    Member("iris.claassen@example.org", "participant"),
    Member("annelies.post@example.org", "participant"),
    Member("kevin.schouten@example.org", "participant"),
    Member("sevda.yilmaz@example.org", "participant", via="application"),
    Member("gert-jan.van.der.steen@example.org", "participant"),
    Member("noor.visser@example.org", "participant"),
    Member("nadia.bouzid@example.org", "participant"),
    Member("daan.willems@example.org", "participant", via="application"),
]

# A participant whose role changed early on, for a realistic audit trail: Hans Kuipers first
# joined as a participant and became an observer once his jobcoach and accountmanager took part.
MAIN_ROLE_CHANGES = [("observer@example.org", "participant", "observer")]

MAIN_INITIATOR = "initiator@example.org"

OPEN_SLUG = "inclusief-werkgeverschap-bouw"

OPEN_COMMUNITY = {
    "name": "Inclusief werkgeverschap in de bouw",
    "slug": OPEN_SLUG,
    "policy": "open",
    "listed": True,
    "duration_months": 12,
    "cadence_weeks": 8,
    "target_size": 15,
    "description": (
        "Bouwbedrijven zoeken handen, en tegelijk staan veel mensen die graag in de bouw willen "
        "werken langs de kant: statushouders, jongeren van het praktijkonderwijs, mensen na een "
        "lange periode zonder werk. Aannemers, opleiders en het werkgeversservicepunt wisselen "
        "hier ervaringen uit over werven, inwerken en begeleiden op de bouwplaats.\n\n"
        "Onze hoe-vraag: hoe maken we van de bouwplaats een plek waar nieuwe collega's met een "
        "afstand tot de arbeidsmarkt zich snel thuis voelen, vakmanschap leren en blijven?\n\n"
        "De CoP is open: iedereen die in of rond de bouw met inclusief werkgeverschap bezig is, "
        "is welkom."
    ),
}

OPEN_INITIATOR = "gert-jan.van.der.steen@example.org"

OPEN_MEMBERS = [
    Member("nadia.bouzid@example.org", "facilitator", "process"),
    Member("bart.hofstede@example.org", "participant"),
    Member("erik.dijkstra@example.org", "participant"),
    Member("priya.ramdin@example.org", "participant"),
    Member("yusuf.demir@example.org", "participant"),
]

# A pending application to the closed CoP from someone who is not a member of it.
APPLICATION = {
    "email": "linda.vermeulen@example.org",
    "motivation": (
        "Als inkoper bij een middelgroot aannemersbedrijf krijg ik steeds vaker social return en "
        "circulaire eisen in aanbestedingen van gemeenten en de woningcorporatie. We lossen dat nu "
        "per project op, met losse contracten en veel papierwerk, en ik merk dat het weinig "
        "blijvende banen oplevert. Ik wil graag leren hoe jullie inkoop, werkgevers en sociale "
        "ondernemingen beter op elkaar laten aansluiten. Ik breng de praktijk van een aannemer "
        "mee, inclusief wat er in de uitvoering misgaat, en kan elke zes weken een middag "
        "vrijmaken."
    ),
}

# The logins printed after loading, in this order: (label, e-mail).
LOGINS = [
    ("initiatiefnemer", "initiator@example.org"),
    ("facilitator (inhoud)", "facilitator@example.org"),
    ("facilitator (proces)", "procesfacilitator@example.org"),
    ("deelnemer", "deelnemer@example.org"),
    ("toeschouwer", "observer@example.org"),
    ("toeschouwer (fonds)", "financier@example.org"),
    ("aanmelding open", "linda.vermeulen@example.org"),
]

"""Step 2 of the main demo CoP: candidates on their way in, intakes, and the composition rule.

People and organisations are fictional.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from gilde.communities.models import Community, Role
from gilde.composition.models import Candidate, CompositionSettings, Intake, MemberProfile

CANDIDATES = [
    (
        "Rik Mulder",
        "rik.mulder@example.org",
        "Repair Café Oostmark",
        "Kringloop en hergebruik",
        "Coördinator",
        "suggested",
        "practice",
        "Genoemd door Fatima; kent alle repair cafés in de regio.",
    ),
    (
        "Saskia de Groot",
        "saskia.de.groot@example.org",
        "Provincie Oostmark",
        "Provinciale overheid",
        "Beleidsadviseur circulaire economie",
        "invited",
        "theory",
        "Kan de brug slaan naar het provinciale programma.",
    ),
    (
        "Ahmed el Idrissi",
        "ahmed.el.idrissi@example.org",
        "Schoonmaakbedrijf Glans",
        "Facilitaire dienstverlening",
        "Operationeel manager",
        "intake_planned",
        "practice",
        "Intake gepland na de kerstvakantie.",
    ),
    (
        "Petra Hendriks",
        "petra.hendriks@example.org",
        "Stichting Werkplaats Noord",
        "Sociaal ontwikkelbedrijf",
        "Teamleider",
        "intake_done",
        "both",
        "Sterke praktijkcasus over werkbegeleiding; past goed.",
    ),
    (
        "Marco Vos",
        "marco.vos@example.org",
        "Adviesbureau Circulair",
        "Advies en procesbegeleiding",
        "Senior adviseur",
        "declined",
        "theory",
        "Wil vooral adviseren, geen eigen vraag: afgesproken om hem later als expert uit te nodigen.",
    ),
]

CASES = [
    "Onze werkplaats repareert fietsen met mensen in een leerwerktraject. De vraag groeit, maar de begeleiding wordt per jaar gefinancierd.",
    "Als inkoper wil ik social return serieus nemen, maar de laagste prijs wint nog steeds de aanbesteding.",
    "We sorteren textiel met mensen die lang zonder werk waren; de opbrengst per kilo daalt elk kwartaal.",
]
QUESTIONS = [
    "Hoe maak ik begeleiding onderdeel van de prijs?\nHoe krijg ik opdrachtgevers voor meerdere jaren?",
    "Hoe schrijf ik een aanbesteding die sociaal-circulaire bedrijven een eerlijke kans geeft?",
    "Hoe verdienen we aan hoogwaardig hergebruik in plaats van aan kilo's?",
]


def load_group(*, community: Community, users: dict) -> None:
    """Candidates, an intake for every participant, and the one-organisation-per-sector rule."""
    facilitator = users["facilitator@example.org"]
    CompositionSettings.objects.update_or_create(
        community=community, defaults={"one_organisation_per_sector": True}
    )
    for name, email, organisation, sector, function, status, knowledge, notes in CANDIDATES:
        Candidate.objects.get_or_create(
            community=community,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "sector": sector,
                "function": function,
                "status": status,
                "knowledge_type": knowledge,
                "notes": notes,
                "suggested_by": facilitator,
            },
        )
    start = community.start_date
    participants = community.memberships.filter(role=Role.PARTICIPANT).select_related("user")
    for index, membership in enumerate(participants.order_by("user__name")):
        done = timezone.make_aware(
            datetime.combine(start - timedelta(days=30 - index % 20), time(15))
        )
        # About a third describe themselves as pioneers; a few have not said.
        pioneer = "pioneer" if index % 3 == 0 else ("" if index % 7 == 5 else "follower")
        MemberProfile.objects.get_or_create(membership=membership, defaults={"pioneer": pioneer})
        Intake.objects.get_or_create(
            membership=membership,
            defaults={
                "practice_case": CASES[index % len(CASES)],
                "learning_questions": QUESTIONS[index % len(QUESTIONS)],
                "motivation": "Ik wil leren van mensen die hetzelfde probleem van een andere kant zien.",
                "availability": "Elke zes weken op dinsdagmiddag lukt.",
                "trait_own_questions": "clearly",
                "trait_commitment": "clearly" if index % 4 else "partly",
                "trait_uncertainty": "partly" if index % 3 == 0 else "clearly",
                "trait_curiosity": "clearly",
                "trait_reflection": "partly" if index % 5 == 0 else "clearly",
                "trait_commitment_note": ""
                if index % 4
                else "Druk jaar in de organisatie; afspraak over vervanging gemaakt.",
                "done_at": done,
                "interviewer": facilitator,
            },
        )

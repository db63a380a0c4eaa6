"""Step 2 of the main demo CoP: candidates on their way in, intakes, and the composition rule.

People and organisations are fictional. The pipeline is filled the way the app fills it: the
invited candidate has a pending invitation, and the participants who came through the pipeline
joined through the same service that runs when someone accepts an invitation.
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from gilde.communities.models import Community, Invitation, Role, token_digest
from gilde.composition.models import Candidate, CompositionSettings, Intake, MemberProfile
from gilde.composition.services import candidate_joined
from gilde.core.models import AuditEntry

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
        "approached",
        "theory",
        "Kan de brug slaan naar het provinciale programma. Na de bijeenkomst van de provincie persoonlijk gevraagd; denkt erover na.",
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
        "Jeroen Lammers",
        "jeroen.lammers@example.org",
        "Tuinbouwcoöperatie Beekdal",
        "Land- en tuinbouw",
        "Personeelsadviseur",
        "invited",
        "practice",
        "Intake was goed; de uitnodiging is verstuurd en hij reageert na zijn vakantie.",
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
# Participants who came in through the pipeline, with what the facilitators noted about them.
THROUGH_THE_PIPELINE = {
    "lotte.jansen@example.org": "Tip van de gemeente; brengt de vraag van de woningcorporatie in.",
    "priya.ramdin@example.org": "Zelf gevraagd na een lezing; sterke praktijkcasus over inkoop.",
    "kevin.schouten@example.org": "Genoemd door Bram; vraag over leerwerkplekken in de bouw.",
}

QUESTIONS = [
    "Hoe maak ik begeleiding onderdeel van de prijs?\nHoe krijg ik opdrachtgevers voor meerdere jaren?",
    "Hoe schrijf ik een aanbesteding die sociaal-circulaire bedrijven een eerlijke kans geeft?",
    "Hoe verdienen we aan hoogwaardig hergebruik in plaats van aan kilo's?",
]


def load_group(*, community: Community, users: dict) -> None:
    """Candidates, an intake for every participant, and the one-organisation-per-industry rule."""
    facilitator = users["facilitator@example.org"]
    CompositionSettings.objects.update_or_create(
        community=community, defaults={"one_organisation_per_industry": True}
    )
    for name, email, organisation, industry, function, status, knowledge, notes in CANDIDATES:
        Candidate.objects.get_or_create(
            community=community,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "industry": industry,
                "function": function,
                "status": status,
                "knowledge_type": knowledge,
                "notes": notes,
                "suggested_by": facilitator,
            },
        )
    _pending_invitation(
        community=community, inviter=facilitator, email="jeroen.lammers@example.org"
    )
    _joined_through_the_pipeline(community=community, suggested_by=facilitator)
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


def _pending_invitation(*, community: Community, inviter, email: str) -> None:
    """The invitation an "invited" candidate was sent (without sending the e-mail again)."""
    if community.invitations.filter(email=email).exists():
        return
    sent = timezone.now() - timedelta(days=4)
    Invitation.objects.create(
        community=community,
        email=email,
        role=Role.PARTICIPANT,
        token_digest=token_digest(secrets.token_urlsafe(32)),
        invited_by=inviter,
        created_at=sent,
        expires_at=sent + timedelta(days=settings.GILDE_INVITATION_DAYS),
    )


def _joined_through_the_pipeline(*, community: Community, suggested_by) -> None:
    """Candidate records of participants who accepted their invitation: carried into their
    profile by the same service as in the app, and logged on the day they joined."""
    memberships = community.memberships.filter(user__email__in=THROUGH_THE_PIPELINE).select_related(
        "user__organisation"
    )
    for membership in memberships:
        user = membership.user
        candidate, created = Candidate.objects.get_or_create(
            community=community,
            email=user.email,
            defaults={
                "name": user.name,
                "organisation": user.organisation.name if user.organisation else "",
                "industry": user.industry,
                "function": user.function,
                "discipline": user.discipline,
                "knowledge_type": user.knowledge_type,
                "status": "invited",
                "notes": THROUGH_THE_PIPELINE[user.email],
                "suggested_by": suggested_by,
                "created_at": membership.joined_at - timedelta(days=30),
            },
        )
        if created:
            candidate_joined(candidate=candidate, membership=membership)
            AuditEntry.objects.filter(
                community=community, action="candidate.joined", data__name=user.name
            ).update(created_at=membership.joined_at)

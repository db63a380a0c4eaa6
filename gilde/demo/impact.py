"""Step 3 of the main demo CoP: sponsors for most participants, and a few organisation budgets."""

from datetime import timedelta
from decimal import Decimal

from gilde.communities.models import Community, Role
from gilde.impact.models import ImpactAgreement, OrganisationCommitment

SPONSOR_ROLES = [
    "Directeur",
    "Teamleider",
    "Afdelingshoofd",
    "Bestuurder",
    "Manager bedrijfsvoering",
]
SPONSOR_NAMES = ["Karin", "Jeroen", "Ellen", "Wim", "Samira", "Bas", "Monique", "Hasan"]
ACTIONS = (
    "Na elke bijeenkomst een korte terugkoppeling in het teamoverleg; "
    "in het voorjaar een pilot met een meerjarige afnameafspraak."
)
COMMITMENTS = {
    "Gemeente Waaldonk": (
        "Twee medewerkers, acht uur per bijeenkomst; inbreng van inkoopdata.",
        "Programma Circulair 2026, post 4.2",
    ),
    "Woonstichting Thuis aan de Dijk": (
        "Pilotproject circulair renoveren beschikbaar als oefenplek.",
        "Onderhoudsbegroting 2027",
    ),
    "Werkbedrijf Maasvallei": (
        "Deelname van drie teamleiders en een bijdrage in de locatiekosten.",
        "Begroting ontwikkeling & innovatie",
    ),
}


def load_impact(*, community: Community) -> None:
    """Agreements for all but three participants (two sponsors not informed yet), once."""
    participants = (
        community.memberships.filter(role=Role.PARTICIPANT)
        .select_related("user__organisation")
        .order_by("user__name")
    )
    for index, membership in enumerate(participants):
        if index % 7 == 6:
            continue  # a few participants have not arranged anything yet
        informed = index % 5 != 4
        ImpactAgreement.objects.get_or_create(
            membership=membership,
            defaults={
                "sponsor_name": f"{SPONSOR_NAMES[index % len(SPONSOR_NAMES)]} "
                f"({membership.user.organisation})",
                "sponsor_role": SPONSOR_ROLES[index % len(SPONSOR_ROLES)],
                "sponsor_informed": informed,
                "informed_on": community.start_date - timedelta(days=20) if informed else None,
                "hours_per_meeting": Decimal("4.0"),
                "fee": Decimal("350.00") if index % 3 == 0 else None,
                "contribution_agreed": index % 4 != 3,
                "planned_actions": ACTIONS,
            },
        )
    members = community.memberships.select_related("user__organisation")
    organisations = {
        m.user.organisation.name: m.user.organisation for m in members if m.user.organisation
    }
    for name, (commitment, budget) in COMMITMENTS.items():
        if name in organisations:
            OrganisationCommitment.objects.get_or_create(
                community=community,
                organisation=organisations[name],
                defaults={"commitment": commitment, "budget_reference": budget},
            )

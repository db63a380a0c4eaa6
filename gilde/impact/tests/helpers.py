from decimal import Decimal

from django.urls import reverse

from gilde.communities.models import Role
from gilde.impact import services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def url(name, cop_slug="circulair", **kwargs):
    return reverse(f"impact:{name}", kwargs={"slug": cop_slug, **kwargs})


def agreement_data(**overrides):
    return {
        "sponsor_name": "Marieke de Manager",
        "sponsor_role": "Teamleider",
        "sponsor_email": "marieke@example.org",
        "sponsor_informed": "on",
        "informed_on": "2025-01-15",
        "hours_per_meeting": "4",
        "fee": "250.00",
        "contribution_agreed": "on",
        "planned_actions": "Elke maand in het teamoverleg vertellen wat ik leerde.",
        **overrides,
    }


def save_agreement(membership, actor=None, **fields):
    data = {
        "sponsor_name": "Sponsor",
        "sponsor_role": "Manager",
        "sponsor_email": "",
        "sponsor_informed": False,
        "informed_on": None,
        "hours_per_meeting": Decimal("3"),
        "fee": None,
        "contribution_agreed": False,
        "planned_actions": "",
        **fields,
    }
    return services.impact_agreement_save(
        membership=membership, actor=actor or membership.user, **data
    )


def add_participant(cop, name, organisation="", role=Role.PARTICIPANT):
    user = UserFactory(
        name=name,
        organisation=OrganisationFactory(name=organisation) if organisation else None,
    )
    return MembershipFactory(community=cop, user=user, role=role)


def membership_of(cop, user):
    return cop.memberships.get(user=user)

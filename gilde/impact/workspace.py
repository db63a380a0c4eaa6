"""What step 3's page shows beside the guidance: how far the sponsors are on board."""

from gilde.communities.access import Action
from gilde.communities.models import Role
from gilde.guide.workspaces import register_workspace

from .models import ImpactAgreement
from .readiness import impact_facts


@register_workspace(step=3, template="impact/_workspace.html")
def impact_workspace(request, access, facts: dict) -> dict:
    membership = access.membership
    own = membership is not None and membership.role == Role.PARTICIPANT
    return {
        "impact": impact_facts(access.community, facts),  # fetched for the signals already
        "can_manage_impact": access.can(Action.MANAGE_IMPACT),
        "own_membership": membership if own else None,
        "own_agreement": (
            ImpactAgreement.objects.filter(membership=membership).first() if own else None
        ),
    }

"""What step 8's page shows beside the guidance: the results register, the plan with what is
due, and the reports."""

from django.utils import timezone

from gilde.communities.access import Action
from gilde.guide.workspaces import register_workspace

from . import selectors
from .models import Level
from .readiness import step8_facts


@register_workspace(step=8, template="communicate/_workspace.html")
def communicate_workspace(request, access, facts: dict) -> dict:
    community = access.community
    data = step8_facts(community, facts)
    counts = dict.fromkeys(Level.values, 0)
    for level in community.results.values_list("level", flat=True):
        counts[level] += 1
    return {
        "result_count": data["results"],
        "level_counts": [(label, counts[level]) for level, label in Level.choices],
        "due_items": list(selectors.plan_items_due(community)[:5]),
        "plan_count": len(data["plan"]),
        "can_manage_communication": access.can(Action.MANAGE_COMMUNICATION),
        "public_on": data["public"],
        "today": timezone.localdate(),
    }

"""What step 7's page shows beside the guidance: this period's experiments, the buddy pairs and
the backcasting canvases."""

from datetime import timedelta

from gilde.communities.access import Action
from gilde.guide.workspaces import register_workspace

from .readiness import learning_facts
from .selectors import experiment_counts


@register_workspace(step=7, template="learning/_workspace.html")
def learning_workspace(request, access, facts: dict) -> dict:
    known = learning_facts(access.community, facts)
    period = known["period"]
    return {
        "learning": known,
        "counts": experiment_counts(
            access.community, known["start"] + timedelta(days=1), known["end"]
        ),
        "buddy_period": period,
        "buddy_groups": (
            list(period.groups.prefetch_related("members__user"))
            if period and access.sees_member_names
            else []
        ),
        "can_manage_buddies": access.can(Action.MANAGE_BUDDIES),
        "can_edit_canvas": access.can(Action.EDIT_CANVAS),
        "can_keep_record": access.can(Action.KEEP_RECORD),
    }

"""What step 4's page shows beside the guidance: who facilitates the coming meetings."""

from gilde.communities.access import Action
from gilde.guide.workspaces import register_workspace

from .models import FacilitationMode
from .selectors import facilitation_counts, facilitation_facts, future_meetings_with_facilitators


@register_workspace(step=4, template="meetings/_workspace_facilitation.html")
def facilitation_workspace(request, access, facts: dict) -> dict:
    known = facilitation_facts(community=access.community, facts=facts)  # the signal's data
    meetings = known["meetings"]
    if meetings is None:
        meetings = future_meetings_with_facilitators(community=access.community)
    return {
        "facilitation_mode_label": FacilitationMode(known["mode"]).label,
        "is_rotation": known["is_rotation"],
        "coming_meetings": meetings,
        # Turns per person mean nothing without names.
        "facilitation_counts": facilitation_counts(meetings) if access.sees_member_names else [],
        "can_plan_meetings": access.can(Action.PLAN_MEETINGS),
        # What the viewer's own focus asks of them first, for facilitators with one.
        "my_focus": access.membership.focus
        if access.membership is not None and access.can(Action.PLAN_MEETINGS)
        else "",
    }

"""What step 7's page shows beside the guidance: this period's experiments, the buddy pairs and
the backcasting canvases."""

from django.db.models import Count, Q

from gilde.communities.access import Action
from gilde.guide.workspaces import register_workspace

from .models import ExperimentStatus
from .readiness import learning_facts
from .selectors import canvases_of, current_period


@register_workspace(step=7, template="learning/_workspace.html")
def learning_workspace(request, access, facts: dict) -> dict:
    community = access.community
    known = learning_facts(community, facts)
    today, cadence = known["today"], known["cadence"]
    # Counts only, so private experiments count too; their content stays private.
    counts = community.experiments.aggregate(
        planned=Count("pk", filter=Q(status=ExperimentStatus.PLANNED)),
        under_way=Count("pk", filter=Q(status=ExperimentStatus.UNDER_WAY)),
        reported=Count("pk", filter=Q(reported_at__date__gte=today - cadence)),
    )
    period = current_period(community, today)
    return {
        "learning": known,
        "since": today - cadence,
        "counts": counts,
        "canvases": list(canvases_of(community)),
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

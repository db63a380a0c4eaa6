"""What step 2's page shows beside the guidance: the group's key figures, the candidate pipeline
and the intakes."""

from django.db.models import Count

from gilde.communities.access import Action
from gilde.communities.models import Role
from gilde.guide.workspaces import register_workspace

from . import diversity
from .models import CandidateStatus, Intake
from .selectors import composition_rules, group_members, summary_context


def candidate_counts(community) -> list[tuple[str, str, int]]:
    """(status, label, count) for every pipeline status, in pipeline order, in one query."""
    rows = community.candidates.order_by().values("status").annotate(count=Count("id"))
    counts = {row["status"]: row["count"] for row in rows}
    return [(status, label, counts.get(status, 0)) for status, label in CandidateStatus.choices]


@register_workspace(step=2, template="composition/_workspace.html")
def composition_workspace(request, access, facts: dict) -> dict:
    community = access.community
    if "group" not in facts:  # the readiness signals usually fetched it already
        facts["group"] = group_members(community)
    group = facts["group"]
    return {
        "group": group,
        **summary_context(community, diversity.composition(group), composition_rules(community)),
        "candidate_counts": (
            candidate_counts(community) if access.can(Action.MANAGE_CANDIDATES) else []
        ),
        "intake_done_count": Intake.objects.filter(
            membership__community=community,
            membership__role=Role.PARTICIPANT,
            done_at__isnull=False,
        ).count(),
    }

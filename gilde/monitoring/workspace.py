"""What step 6's page shows beside the guidance: the latest monitoring cycle, the network and TIS
trends, and the value stories per cycle, each as the viewer may see them."""

from gilde.communities.access import Action
from gilde.guide.workspaces import register_workspace

from . import selectors


@register_workspace(step=6, template="monitoring/_workspace.html")
def monitoring_workspace(request, access, facts: dict) -> dict:
    community = access.community
    social = selectors.social_map(access=access)
    moments = selectors.tis_results(community=community)
    stories = selectors.value_stories_visible_to(access=access)
    return {
        "latest_cycle": selectors.cycles_of(community).first(),
        "social": social,
        "network_trend": social.trend[-4:],
        "tis_shown": [m for m in moments if m.shown][-3:],
        "tis_rows": selectors.tis_table([m for m in moments if m.shown][-3:]),
        "matrix": selectors.value_matrix(stories),
        "can_manage": access.can(Action.MANAGE_MONITORING),
        "network_due": selectors.network_question_due(access.membership),
    }

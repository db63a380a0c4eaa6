"""What a programme sees of a CoP's monitoring (gilde.communities.programme_figures): the social
map's density and cross-organisation share with the new pairs of the last quarter (from five
people on the map), the TIS movement (through `tis_results`, from its threshold and five
respondents on), and the latest closed cycle's reflection: a text the group wrote, which the
programme shows only where the CoP chose to share it."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Role
from gilde.communities.programme_figures import (
    COUNT,
    NUMBER,
    PERCENT,
    TEXT,
    Figure,
    FigureDefinition,
    register_programme_figures,
)

from . import network
from .models import CycleStatus, Tie
from .selectors.network import network_edges
from .selectors.tis import tis_results


def _network_nodes(community: Community) -> list[network.Node]:
    """The map's members as anonymous nodes grouped by organisation (names are not needed)."""
    rows = community.memberships.filter(
        Q(role__in=(Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT))
        | Q(pk__in=Tie.objects.filter(community=community).values("member"))
        | Q(pk__in=Tie.objects.filter(community=community).values("other_member"))
    ).values_list("pk", "user__organisation_id")
    nodes = [network.Node(f"m{pk}", "", str(org or "")) for pk, org in rows]
    nodes += [
        network.Node(f"a{pk}", "", f"actor-{pk}", outside=True)
        for pk in community.outside_actors.values_list("pk", flat=True)
    ]
    return nodes


def monitoring_figures(community: Community, today: date) -> dict[str, Figure]:
    nodes = _network_nodes(community)
    people = sum(1 for node in nodes if not node.outside)
    spans = network.quarters(community.start_date, today + timedelta(days=1))
    density = across = new_pairs = None
    if spans and community.ties.exists():
        edges = network_edges(community)
        now = network.figures(nodes, edges, spans[-1])
        density = round(100 * now.density, 1)
        across = round(100 * now.across_share) if now.across_share is not None else None
        new_pairs = now.new_pairs

    movement, respondents = None, None
    shown = [result for result in tis_results(community=community) if result.shown]
    if shown:
        latest = shown[-1]
        respondents = latest.respondents
        changes = [row.change for row in latest.rows if row.change is not None]
        movement = round(sum(changes) / len(changes), 2) if changes else None

    cycle = (
        community.monitoring_cycles.filter(status=CycleStatus.CLOSED)
        .order_by("-number")
        .only("went_well", "to_change", "ends_on", "number")
        .first()
    )
    reflection = None
    if cycle is not None and (cycle.went_well or cycle.to_change):
        reflection = {
            "ends_on": cycle.ends_on.isoformat(),
            "went_well": cycle.went_well,
            "to_change": cycle.to_change,
        }
    return {
        "network_density": Figure(density, people=people),
        "network_across": Figure(across, people=people),
        "network_new_pairs": Figure(new_pairs, people=people),
        "tis_movement": Figure(movement, people=respondents),
        "reflection": Figure(reflection),
    }


register_programme_figures(
    app="monitoring",
    group=_("Network and system"),
    definitions=[
        FigureDefinition(
            "network_density",
            _("Network density"),
            _(
                "The share of possible ties between the people on the social map that exist, "
                "from five people on the map (never who is tied to whom)."
            ),
            PERCENT,
            60,
        ),
        FigureDefinition(
            "network_across",
            _("Ties across organisations"),
            _("The share of those ties that link different organisations."),
            PERCENT,
            61,
        ),
        FigureDefinition(
            "network_new_pairs",
            _("New ties this quarter"),
            _("How many pairs of people became tied this quarter."),
            COUNT,
            62,
        ),
        FigureDefinition(
            "tis_movement",
            _("TIS movement"),
            _(
                "The average change of the system functions' medians since the previous TIS "
                "moment, from five respondents on."
            ),
            NUMBER,
            63,
        ),
        FigureDefinition(
            "reflection",
            _("Monitoring reflection"),
            _(
                "What goes well and what to change, from the latest closed monitoring cycle: "
                "only if you choose to share it below."
            ),
            TEXT,
            70,
            shared_by_choice=True,
        ),
    ],
    compute=monitoring_figures,
)

"""Step 6's own part of a monitoring cycle's evidence: new ties and the network figures (for the
whole group, from NETWORK_THRESHOLD people), the system analysis's movement (from TIS_THRESHOLD
respondents) and the value stories per cycle (counts of stories shared beyond their author)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gilde.communities.evidence import EvidenceItem, evidence_provider
from gilde.communities.models import Role

from . import network
from .models import MAIN_CYCLES, NETWORK_THRESHOLD, ValueCycle
from .selectors import network_edges, network_nodes, tis_results, value_story_counts


def _day(moment):
    return timezone.localtime(moment).date()


@evidence_provider(key="monitoring.network", order=40, label=gettext_lazy("Social map"))
def network_evidence(community, period) -> list[EvidenceItem]:
    people = community.memberships.filter(
        role__in=(Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)
    ).count()
    if people < NETWORK_THRESHOLD:
        return [
            EvidenceItem(
                _("Network figures"),
                None,
                note=ngettext(
                    "Shown from %(n)s person in the CoP.",
                    "Shown from %(n)s people in the CoP.",
                    NETWORK_THRESHOLD,
                )
                % {"n": NETWORK_THRESHOLD},
            )
        ]
    nodes, edges = network_nodes(community), network_edges(community)
    span = network.Span(
        "cycle", "", _day(period.start), _day(period.end - timedelta(seconds=1)) + timedelta(days=1)
    )
    figures = network.figures(nodes, edges, span)
    items = [
        EvidenceItem(_("New ties"), figures.new_ties, level="organisation"),
        EvidenceItem(_("Ended ties"), figures.ended_ties),
        EvidenceItem(_("Density"), round(figures.density, 3)),
        EvidenceItem(_("Average number of ties per person"), round(figures.average_degree, 1)),
        EvidenceItem(_("Islands (components)"), figures.components),
        EvidenceItem(_("People without a tie"), figures.isolates),
    ]
    if figures.across_share is not None:
        items.append(
            EvidenceItem(
                _("Ties across organisations"),
                round(100 * figures.across_share),
                "%",
                level="organisation",
            )
        )
    return items


@evidence_provider(key="monitoring.tis", order=50, label=gettext_lazy("System analysis"))
def tis_evidence(community, period) -> list[EvidenceItem]:
    shown = [r for r in tis_results(community=community) if r.shown]
    within = [r for r in shown if r.moment.held_on < _day(period.end)]
    if not within:
        return []
    latest = within[-1]
    items = []
    for row in latest.rows:
        if row.summary is None:
            continue
        note = ""
        if row.change is not None:
            note = _("%(change)s since %(moment)s") % {
                "change": _signed(row.change),
                "moment": latest.previous.title,
            }
        items.append(EvidenceItem(row.label, row.summary.median, "/ 5", note=note, level="field"))
    return [EvidenceItem(_("Moment"), latest.moment.title), *items]


def _signed(value: float) -> str:
    text = number_format(value, 1 if value != int(value) else 0)
    return f"+{text}" if value > 0 else text


@evidence_provider(key="monitoring.stories", order=60, label=gettext_lazy("Value-creation stories"))
def story_evidence(community, period) -> list[EvidenceItem]:
    counts = value_story_counts(
        community,
        start=_day(period.start),
        end=_day(period.end - timedelta(seconds=1)) + timedelta(days=1),
    )
    if not counts["stories"]:
        return [EvidenceItem(_("Stories shared"), 0)]
    levels = {
        ValueCycle.APPLIED: "organisation",
        ValueCycle.REALISED: "organisation",
        ValueCycle.REFRAMING: "field",
    }
    return [EvidenceItem(_("Stories shared"), counts["stories"])] + [
        EvidenceItem(
            str(ValueCycle(cycle).label), counts[cycle], level=levels.get(cycle, "participant")
        )
        for cycle in MAIN_CYCLES
    ]

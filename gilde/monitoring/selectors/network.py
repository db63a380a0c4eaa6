"""Reads for the social map. `network_gate` is the one place that decides what a viewer sees of
it: the named map and each person's figures (facilitators; the group where the CoP allows it),
or figures for the whole group only (everyone else, and only from NETWORK_THRESHOLD people).

The drawing and the figures are cached until the ties change: the cache key holds a fingerprint
of the CoP's ties, outside actors and members (three small aggregate queries), so a cached map
costs no layout, no networkx and no loading of ties.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gilde.communities.calendar import meetings_of
from gilde.communities.models import Community, Role

from .. import charts, network
from ..models import NETWORK_THRESHOLD, MonitoringSettings, NetworkAnswer, Tie

CACHE_SECONDS = 24 * 3600
NAMES, AGGREGATES, TOO_FEW = "names", "aggregates", "too_few"
COLOUR_BY = ("organisation", "industry")


def monitoring_settings_for(community: Community) -> MonitoringSettings:
    return MonitoringSettings.objects.filter(community=community).first() or MonitoringSettings(
        community=community
    )


def map_members(community: Community):
    """The people on the map: everyone but observers (an observer appears once a tie names
    them)."""
    return (
        community.memberships.filter(
            Q(role__in=(Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT))
            | Q(pk__in=Tie.objects.filter(community=community).values("member"))
            | Q(pk__in=Tie.objects.filter(community=community).values("other_member"))
        )
        .select_related("user__organisation")
        .order_by("user__name", "pk")
    )


def network_gate(*, access, settings: MonitoringSettings | None = None) -> str:
    """NAMES, AGGREGATES or TOO_FEW for this viewer: the one decision about the social map."""
    settings = settings or monitoring_settings_for(access.community)
    if access.can_see_network_names(settings.network_shared_with_group):
        return NAMES
    people = access.community.memberships.filter(
        role__in=(Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)
    ).count()
    return AGGREGATES if people >= NETWORK_THRESHOLD else TOO_FEW


def _fingerprint(community: Community) -> str:
    ties = community.ties.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    actors = community.outside_actors.aggregate(n=Count("pk"), top=Max("pk"))
    members = community.memberships.aggregate(n=Count("pk"), top=Max("pk"))
    raw = f"{ties}|{actors}|{members}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _cached(community: Community, fingerprint: str, name: str, compute):
    key = ":".join(
        ["social-map", str(community.pk), fingerprint, name, translation.get_language() or ""]
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def network_nodes(community: Community, *, colour_by: str = "organisation") -> list[network.Node]:
    nodes = []
    for membership in map_members(community):
        user = membership.user
        group = user.industry if colour_by == "industry" else getattr(user.organisation, "name", "")
        nodes.append(network.Node(f"m{membership.pk}", str(user), group or ""))
    for actor in community.outside_actors.all():
        nodes.append(network.Node(f"a{actor.pk}", actor.name, actor.name, outside=True))
    return nodes


def network_edges(community: Community) -> list[network.Edge]:
    rows = community.ties.values_list(
        "member_id", "other_member_id", "actor_id", "started_on", "ended_on", "kind_id"
    )
    return [
        network.Edge(
            f"m{member}",
            f"m{other}" if other else f"a{actor}",
            started,
            ended,
            str(kind),
        )
        for member, other, actor, started, ended, kind in rows
    ]


def network_spans(community: Community, *, per: str = "meeting", today: date | None = None):
    """The periods the map can show: from each held meeting to the next (per="meeting"), or
    calendar quarters from the CoP's start (per="quarter"), up to and including today."""
    today = today or timezone.localdate()
    until = today + timedelta(days=1)
    if per == "quarter":
        return network.quarters(community.start_date, until)
    starts = [
        (f"m{ref.id}", ref.title, timezone.localtime(ref.starts_at).date())
        for ref in meetings_of(community)
        if not ref.cancelled and ref.starts_at <= timezone.now()
    ]
    return network.spans_between(starts, until=until)


@dataclass
class SocialMap:
    """What the map page shows one viewer."""

    visibility: str
    spans: list
    span: network.Span | None
    figures: network.Figures | None
    trend: list = field(default_factory=list)  # (span, Figures) for every span
    svg: str = ""
    legend: list = field(default_factory=list)  # (group, colour)
    brokers: list = field(default_factory=list)  # (name, betweenness)
    outside_count: int = 0


def _map_labels(span, figures) -> charts.MapLabels:
    return charts.MapLabels(
        title=_("Social map up to %(period)s") % {"period": span.label},
        description=_(
            "%(nodes)s people and outside actors, %(pairs)s pairs with a tie; ties new in this "
            "period are drawn thick and red. The table view lists the same ties."
        )
        % {"nodes": figures.nodes, "pairs": figures.pairs},
    )


def social_map(
    *, access, per: str = "meeting", span_key: str = "", colour_by: str = "organisation"
) -> SocialMap:
    """The map, its figures and their trend for the viewer, cached until the ties change."""
    community = access.community
    settings = monitoring_settings_for(community)
    visibility = network_gate(access=access, settings=settings)
    spans = network_spans(community, per=per)
    span = next((s for s in spans if s.key == span_key), spans[-1] if spans else None)
    if visibility == TOO_FEW or span is None:
        return SocialMap(visibility, spans, span, None)
    colour_by = colour_by if colour_by in COLOUR_BY else "organisation"
    fingerprint = _fingerprint(community)
    base = _cached(
        community,
        fingerprint,
        f"base:{colour_by}",
        lambda: _base(community, colour_by),
    )
    nodes, edges = base["nodes"], base["edges"]
    trend = _cached(
        community,
        fingerprint,
        f"trend:{per}:{len(spans)}:{spans[-1].end}",
        lambda: [(s, network.figures(nodes, edges, s)) for s in spans],
    )
    named = visibility == NAMES
    figures = _cached(
        community,
        fingerprint,
        f"figures:{span.key}:{span.end}",
        lambda: network.figures(nodes, edges, span, brokers=3),
    )
    result = SocialMap(visibility, spans, span, figures, trend)
    if not named:
        # Figures for the whole group: no picture, no names, no person's betweenness.
        return result
    result.svg = _cached(
        community,
        fingerprint,
        f"svg:{colour_by}:{span.key}:{span.end}",
        lambda: charts.map_svg(
            nodes,
            base["positions"],
            network.pairs_on(edges, span.last_day),
            network.new_pairs_in(edges, span),
            _map_labels(span, figures),
            uid="social-map",
            colours=base["colours"],
        ),
    )
    labels = {node.key: node.label for node in nodes}
    result.legend = list(base["colours"].items())
    result.brokers = [(labels.get(key, key), value) for key, value in figures.brokers]
    result.outside_count = sum(1 for node in nodes if node.outside)
    return result


def _base(community: Community, colour_by: str) -> dict:
    nodes = network_nodes(community, colour_by=colour_by)
    edges = network_edges(community)
    return {
        "nodes": nodes,
        "edges": edges,
        "positions": network.layout(nodes, edges),
        "colours": charts.group_colours(nodes),
    }


def ties_in_span(community: Community, span: network.Span):
    """The ties that hold on the span's last day, with both ends, for the table view."""
    last = span.last_day
    return (
        community.ties.filter(started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=last))
        .select_related(
            "member__user__organisation", "other_member__user__organisation", "actor", "kind"
        )
        .order_by("member__user__name", "started_on", "pk")
    )


def ties_naming(membership):
    """Every tie that names this member, at either end."""
    return (
        Tie.objects.filter(community_id=membership.community_id)
        .filter(Q(member=membership) | Q(other_member=membership))
        .select_related("member__user", "other_member__user", "actor", "kind")
        .order_by("-started_on", "-pk")
    )


def network_question_due(membership, *, now=None):
    """The meeting whose network question this member has still to answer, or None: the last
    meeting that has ended (not cancelled), until they answered it. Observers answer none."""
    if membership is None or membership.role == Role.OBSERVER:
        return None
    now = now or timezone.now()
    past = [
        ref for ref in meetings_of(membership.community) if not ref.cancelled and ref.ends_at <= now
    ]
    if not past:
        return None
    latest = past[-1]
    answered = NetworkAnswer.objects.filter(membership=membership, meeting_id=latest.id).exists()
    return None if answered else latest


def network_answer_counts(community: Community, meeting_id: int) -> tuple[int, int]:
    """(participants who answered the network question of this meeting, participants)."""
    participants = community.memberships.filter(role=Role.PARTICIPANT)
    answered = NetworkAnswer.objects.filter(
        community=community, meeting_id=meeting_id, membership__in=participants
    ).count()
    return answered, participants.count()

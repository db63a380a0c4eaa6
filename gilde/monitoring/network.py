"""The social map's arithmetic: which ties hold when, and the network figures per period.

Pure Python with networkx, no Django. The node set stays the same over all periods (people
without ties count as isolates), so the figures of two periods can be compared (METHODS §7).
A tie holds on day d when it started on or before d and has not ended before d; a period runs
from its first day up to (not including) its end, and its figures describe the network on its
last day. Between two nodes there is one pair, whatever the number or kinds of ties.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Node:
    key: str  # "m<membership id>" or "a<actor id>"
    label: str
    group: str  # the organisation (or industry) the map colours by; "" when unknown
    outside: bool = False


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    started: date
    ended: date | None = None
    kind: str = ""

    @property
    def pair(self) -> frozenset:
        return frozenset((self.a, self.b))

    def holds_on(self, day: date) -> bool:
        return self.started <= day and (self.ended is None or self.ended >= day)


@dataclass(frozen=True)
class Span:
    """A period: [start, end)."""

    key: str
    label: str
    start: date
    end: date

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True)
class Figures:
    """The network on a period's last day, and what changed during the period."""

    nodes: int
    pairs: int
    density: float
    components: int
    largest_component_share: float  # 0–1
    average_degree: float
    across_share: float | None  # share of pairs between different groups; None without pairs
    new_ties: int
    ended_ties: int
    new_pairs: int
    isolates: int
    brokers: list = field(default_factory=list)  # (node key, betweenness) best first


def pairs_on(edges: Iterable[Edge], day: date) -> set[frozenset]:
    return {edge.pair for edge in edges if edge.holds_on(day)}


def _nx():
    # networkx (and the numpy/scipy behind its layouts) loads on the first map, not with Django.
    import networkx

    return networkx


def graph_on(nodes: Sequence[Node], edges: Iterable[Edge], day: date):
    graph = _nx().Graph()
    graph.add_nodes_from(sorted(node.key for node in nodes))
    known = set(graph.nodes)
    graph.add_edges_from(
        tuple(sorted(pair))
        for pair in sorted(pairs_on(edges, day), key=sorted)
        if pair <= known and len(pair) == 2
    )
    return graph


def _across_share(graph, groups: dict[str, str]) -> float | None:
    if not graph.number_of_edges():
        return None
    across = 0
    for a, b in graph.edges:
        group_a, group_b = groups.get(a, ""), groups.get(b, "")
        # Unknown organisations are not counted as the same one.
        if not group_a or not group_b or group_a != group_b:
            across += 1
    return across / graph.number_of_edges()


def figures(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    span: Span,
    *,
    brokers: int = 0,
) -> Figures:
    """The figures for `span`; with `brokers`, the top so many by betweenness (above zero)."""
    nx = _nx()
    graph = graph_on(nodes, edges, span.last_day)
    n = graph.number_of_nodes()
    groups = {node.key: node.group for node in nodes}
    components = list(nx.connected_components(graph)) if n else []
    before = pairs_on(edges, span.start - timedelta(days=1))
    now = {tuple(sorted(edge)) for edge in graph.edges}
    top: list = []
    if brokers and n > 2 and graph.number_of_edges():
        centrality = nx.betweenness_centrality(graph, normalized=True)
        ranked = sorted(centrality.items(), key=lambda pair: (-pair[1], pair[0]))
        top = [(key, value) for key, value in ranked[:brokers] if value > 0]
    return Figures(
        nodes=n,
        pairs=graph.number_of_edges(),
        density=nx.density(graph) if n > 1 else 0.0,
        components=len(components),
        largest_component_share=max((len(c) for c in components), default=0) / n if n else 0.0,
        average_degree=2 * graph.number_of_edges() / n if n else 0.0,
        across_share=_across_share(graph, groups),
        new_ties=sum(1 for edge in edges if span.start <= edge.started < span.end),
        ended_ties=sum(
            1 for edge in edges if edge.ended is not None and span.start <= edge.ended < span.end
        ),
        new_pairs=sum(1 for pair in now if frozenset(pair) not in before),
        isolates=sum(1 for _node, degree in graph.degree if degree == 0),
        brokers=top,
    )


def new_pairs_in(edges: Iterable[Edge], span: Span) -> set[frozenset]:
    """Pairs that hold at the end of `span` but did not hold the day before it began."""
    edges = list(edges)
    return pairs_on(edges, span.last_day) - pairs_on(edges, span.start - timedelta(days=1))


def spans_between(starts: Sequence[tuple[str, str, date]], *, until: date) -> list[Span]:
    """Periods from a list of (key, label, first day), each running to the next one's first
    day; the last runs to `until` (exclusive). Starts on or after `until` are dropped."""
    ordered = sorted((s for s in starts if s[2] < until), key=lambda s: (s[2], s[0]))
    spans = []
    for index, (key, label, start) in enumerate(ordered):
        end = ordered[index + 1][2] if index + 1 < len(ordered) else until
        if end > start:
            spans.append(Span(key, label, start, end))
    return spans


def quarters(first: date, until: date) -> list[Span]:
    """Calendar quarters from the one holding `first` up to the one holding `until - 1 day`."""
    spans = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        start = date(year, 3 * quarter + 1, 1)
        if start >= until:
            break
        end = date(year + (quarter == 3), 3 * ((quarter + 1) % 4) + 1, 1)
        spans.append(Span(f"q{year}-{quarter + 1}", f"Q{quarter + 1} {year}", start, end))
        year, quarter = year + (quarter == 3), (quarter + 1) % 4
    return spans


LAYOUT_SEED = 6  # any fixed number: the same ties give the same picture on every visit


def layout(nodes: Sequence[Node], edges: Iterable[Edge]) -> dict[str, tuple[float, float]]:
    """A position in [0, 1]² for every node, from all ties the map has ever had, so a node keeps
    its place while the periods change. Fixed seed and sorted input: the same picture each time.
    Nodes that never had a tie wait in a row along the bottom instead of drifting to the edges."""
    keys = sorted(node.key for node in nodes)
    if not keys:
        return {}
    known = set(keys)
    pairs = sorted(
        {tuple(sorted(edge.pair)) for edge in edges if edge.pair <= known and edge.a != edge.b}
    )
    linked = sorted({key for pair in pairs for key in pair})
    alone = [key for key in keys if key not in set(linked)]
    positions: dict[str, tuple[float, float]] = {}
    per_row = 16
    rows = -(-len(alone) // per_row)
    top = max(0.4, 1.0 - 0.07 * rows - 0.05) if alone else 1.0
    if len(linked) == 1:
        positions[linked[0]] = (0.5, top / 2)
    elif linked:
        nx = _nx()
        graph = nx.Graph()
        graph.add_nodes_from(linked)
        graph.add_edges_from(pairs)
        raw = nx.spring_layout(graph, seed=LAYOUT_SEED, k=1.8 / len(linked) ** 0.5)
        xs = [float(position[0]) for position in raw.values()]
        ys = [float(position[1]) for position in raw.values()]
        min_x, min_y = min(xs), min(ys)
        width, height = (max(xs) - min_x) or 1.0, (max(ys) - min_y) or 1.0
        for key in linked:
            x, y = float(raw[key][0]), float(raw[key][1])
            positions[key] = ((x - min_x) / width, top * (y - min_y) / height)
    for index, key in enumerate(alone):
        row, column = divmod(index, per_row)
        in_row = min(per_row, len(alone) - row * per_row)
        y = 1.0 - (rows - 1 - row) * (1.0 - top) / rows if rows > 1 else 1.0
        positions[key] = ((column + 0.5) / in_row, y)
    return positions

"""The network figures against networkx on known graphs, and which ties count in which period."""

from datetime import date, timedelta

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gilde.monitoring import network
from gilde.monitoring.network import Edge, Node, Span

DAY = date(2026, 1, 1)


def _nodes(graph, groups=None):
    return [Node(str(n), f"P{n}", (groups or {}).get(n, "")) for n in graph.nodes]


def _edges(graph, started=DAY):
    return [Edge(str(a), str(b), started) for a, b in graph.edges]


def _span(start=DAY, days=30):
    return Span("p", "P", start, start + timedelta(days=days))


def test_karate_club_density_and_its_best_known_brokers():
    """Zachary's karate club: 34 members, 78 ties, density 0.139; the instructor (0) and the
    administrator (33) have the highest betweenness."""
    graph = nx.karate_club_graph()
    figures = network.figures(_nodes(graph), _edges(graph), _span(), brokers=2)
    assert figures.nodes == 34
    assert figures.pairs == 78
    assert round(figures.density, 3) == 0.139
    assert {key for key, _value in figures.brokers} == {"0", "33"}
    assert figures.components == 1
    assert figures.isolates == 0
    assert figures.average_degree == pytest.approx(2 * 78 / 34)


@pytest.mark.parametrize(
    "graph",
    [nx.path_graph(6), nx.star_graph(7), nx.complete_graph(5), nx.barbell_graph(4, 2)],
    ids=["path", "star", "complete", "barbell"],
)
def test_figures_match_networkx(graph):
    figures = network.figures(_nodes(graph), _edges(graph), _span(), brokers=1)
    assert figures.density == pytest.approx(nx.density(graph))
    assert figures.components == nx.number_connected_components(graph)
    centrality = nx.betweenness_centrality(graph)
    top = max(centrality.values())
    if top > 0:
        assert centrality[int(figures.brokers[0][0])] == pytest.approx(top)


def test_isolates_stay_in_the_node_set_so_periods_compare():
    nodes = [Node(k, k, "") for k in "abcd"]
    figures = network.figures(nodes, [Edge("a", "b", DAY)], _span())
    assert figures.nodes == 4
    assert figures.isolates == 2
    assert figures.components == 3
    assert figures.density == pytest.approx(1 / 6)


def test_share_of_ties_across_organisations():
    nodes = [Node("a", "A", "X"), Node("b", "B", "X"), Node("c", "C", "Y"), Node("d", "D", "")]
    edges = [Edge("a", "b", DAY), Edge("a", "c", DAY), Edge("b", "d", DAY)]
    figures = network.figures(nodes, edges, _span())
    # a–b within X; a–c across; b–d with an unknown organisation counts as across.
    assert figures.across_share == pytest.approx(2 / 3)
    assert network.figures(nodes, [], _span()).across_share is None


def test_period_filtering_new_ended_and_holding_ties():
    first = _span(DAY, 30)
    second = _span(DAY + timedelta(days=30), 30)
    edges = [
        Edge("a", "b", DAY + timedelta(days=2)),  # new in the first period
        Edge("a", "c", DAY + timedelta(days=35)),  # new in the second
        Edge("b", "c", DAY, DAY + timedelta(days=40)),  # ends in the second
        Edge("c", "d", DAY + timedelta(days=70)),  # after both
    ]
    nodes = [Node(k, k, "") for k in "abcd"]
    one = network.figures(nodes, edges, first)
    two = network.figures(nodes, edges, second)
    assert (one.new_ties, one.ended_ties, one.pairs) == (2, 0, 2)
    assert (two.new_ties, two.ended_ties, two.pairs) == (1, 1, 2)
    assert network.new_pairs_in(edges, second) == {frozenset("ac")}
    assert network.pairs_on(edges, second.last_day) == {frozenset("ab"), frozenset("ac")}


def test_a_tie_holds_on_its_last_day_and_not_after():
    edge = Edge("a", "b", DAY, DAY + timedelta(days=3))
    assert edge.holds_on(DAY + timedelta(days=3))
    assert not edge.holds_on(DAY + timedelta(days=4))
    assert not edge.holds_on(DAY - timedelta(days=1))


def test_periods_run_from_meeting_to_meeting_and_quarters_follow_the_calendar():
    starts = [("m2", "B2", date(2026, 3, 1)), ("m1", "B1", date(2026, 1, 10))]
    spans = network.spans_between(starts, until=date(2026, 4, 1))
    assert [(s.key, s.start, s.end) for s in spans] == [
        ("m1", date(2026, 1, 10), date(2026, 3, 1)),
        ("m2", date(2026, 3, 1), date(2026, 4, 1)),
    ]
    quarters = network.quarters(date(2026, 2, 14), date(2026, 8, 1))
    assert [(q.start, q.end) for q in quarters] == [
        (date(2026, 1, 1), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 7, 1)),
        (date(2026, 7, 1), date(2026, 10, 1)),
    ]
    assert network.quarters(date(2026, 11, 3), date(2027, 1, 2))[-1].label == "Q1 2027"


def test_the_layout_is_the_same_on_every_call():
    graph = nx.les_miserables_graph()
    nodes, edges = _nodes(graph), _edges(graph)
    assert network.layout(nodes, edges) == network.layout(list(reversed(nodes)), edges[::-1])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=60),
    st.lists(st.tuples(st.integers(0, 59), st.integers(0, 59)), max_size=150),
)
def test_every_position_lies_in_the_unit_square(count, pairs):
    nodes = [Node(f"n{i}", f"N{i}", "") for i in range(count)]
    edges = [Edge(f"n{a}", f"n{b}", DAY) for a, b in pairs if a < count and b < count]
    positions = network.layout(nodes, edges)
    assert set(positions) == {node.key for node in nodes}
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in positions.values())

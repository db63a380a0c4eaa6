"""The drawings stay within their bounds, whatever the number of nodes, and say no nonsense."""

import random
import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gilde.monitoring import charts, network
from gilde.monitoring.network import Edge, Node

SVG = "{http://www.w3.org/2000/svg}"
DAY = date(2026, 1, 1)


def _map(count: int, ties: int, seed: int, *, name_length: int = 12):
    rng = random.Random(seed)
    nodes = [
        Node(f"m{i}", "N" * name_length + str(i), f"Org {i % 13}", outside=i % 9 == 8)
        for i in range(count)
    ]
    edges = []
    for _ in range(ties if count > 1 else 0):
        a, b = rng.sample(range(count), 2)
        edges.append(Edge(f"m{a}", f"m{b}", DAY))
    positions = network.layout(nodes, edges)
    pairs = network.pairs_on(edges, DAY)
    return charts.map_svg(
        nodes,
        positions,
        pairs,
        set(list(pairs)[:3]),
        charts.MapLabels("Kaart <&>", "Beschrijving"),
        uid="m",
        colours=charts.group_colours(nodes),
    )


def _in_bounds(svg: str, width: float, height: float) -> None:
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        a = element.attrib
        if tag == "circle":
            cx, cy, r = float(a["cx"]), float(a["cy"]), float(a["r"])
            assert r <= cx <= width - r and r <= cy <= height - r
        elif tag == "rect":
            x, y = float(a["x"]), float(a["y"])
            assert x >= 0 and x + float(a["width"]) <= width
            assert y >= 0 and y + float(a["height"]) <= height
        elif tag == "line":
            for key, limit in (("x1", width), ("x2", width), ("y1", height), ("y2", height)):
                assert 0 <= float(a[key]) <= limit
        elif tag == "text":
            x, y = float(a["x"]), float(a["y"])
            length = len(element.text or "") * charts.CHAR_W
            anchor = a.get("text-anchor", "start")
            left = x - length if anchor == "end" else x - length / 2 if anchor == "middle" else x
            right = left + length
            assert left >= -1 and right <= width + 1, (element.text, left, right)
            assert 0 <= y <= height


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.integers(0, 900), st.integers(0, 10**6))
def test_the_map_stays_within_its_bounds_for_1_to_300_nodes(count, ties, seed):
    _in_bounds(_map(count, ties, seed), charts.MAP_W, charts.MAP_H)


def test_long_names_beside_a_node_stay_inside_the_drawing():
    _in_bounds(_map(30, 40, 1, name_length=80), charts.MAP_W, charts.MAP_H)


def test_the_map_escapes_names_and_writes_numbers_with_a_point():
    svg = charts.map_svg(
        [Node("m1", "<script>", "A&B"), Node("m2", "Ë", "A&B")],
        {"m1": (0.1, 0.2), "m2": (0.9, 0.8)},
        {frozenset(("m1", "m2"))},
        set(),
        charts.MapLabels("T", "D"),
        uid="m",
        colours={"A&B": "#0b5d66"},
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)
    assert "," not in "".join(element.attrib.get("cx", "") for element in ET.fromstring(svg).iter())


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.one_of(st.none(), st.floats(0, 6)), min_size=7, max_size=7), max_size=4)
)
def test_the_radar_stays_within_its_bounds(series):
    axes = ["Entrepreneurial activity", "Knowledge development", "Knowledge diffusion",
            "Guidance of the search", "Market formation", "Resource mobilisation",
            "Creation of legitimacy"]  # fmt: skip
    svg = charts.radar_svg(axes, [(f"M{i}", s) for i, s in enumerate(series)], title="R", uid="r")
    root = ET.fromstring(svg)
    for element in root.iter():
        if element.tag.removeprefix(SVG) == "polygon":
            for point in element.attrib["points"].split():
                x, y = (float(v) for v in point.split(","))
                assert 0 <= x <= charts.RADAR_W and 0 <= y <= charts.RADAR_H
    _in_bounds(svg, charts.RADAR_W, charts.RADAR_H)


def test_the_trend_draws_a_line_per_series_and_skips_gaps():
    svg = charts.trend_svg(
        ["B1", "B2", "B3"],
        [("Dichtheid", [0.1, None, 0.3]), ("Over", [0.5, 0.6, 0.7])],
        title="T",
        uid="t",
    )
    root = ET.fromstring(svg)
    assert len([e for e in root.iter() if e.tag.removeprefix(SVG) == "polyline"]) == 2
    _in_bounds(svg, charts.TREND_W, charts.TREND_H)

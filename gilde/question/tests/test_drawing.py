import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from gilde.question import drawing
from gilde.question.drawing import GridLabels, GridPoint, TreeItem, TreeLabels

SVG = "{http://www.w3.org/2000/svg}"
QUADRANT_NAMES = {
    drawing.MANAGE_CLOSELY: "Manage closely",
    drawing.KEEP_SATISFIED: "Keep satisfied",
    drawing.KEEP_INFORMED: "Keep informed",
    drawing.MONITOR: "Monitor",
}
GRID_LABELS = GridLabels(
    title="Power/interest grid",
    description="Three stakeholders",
    interest_axis="Interest →",
    power_axis="Power ↑",
    quadrants=QUADRANT_NAMES,
    attitudes={"supportive": "Supportive", "critical": "Critical"},
)
TREE_LABELS = TreeLabels(
    title="Problem tree", description="A tree", effects="Effects ↑", causes="Causes ↓"
)


def _grid(points):
    return drawing.stakeholder_grid_svg(points, GRID_LABELS, uid="grid")


def _points(root):
    return root.findall(f"{SVG}g[@class='chart__point']/{SVG}circle")


def _texts(root):
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def test_quadrants_follow_power_and_interest():
    assert drawing.quadrant(5, 5) == drawing.MANAGE_CLOSELY
    assert drawing.quadrant(5, 1) == drawing.KEEP_SATISFIED
    assert drawing.quadrant(1, 5) == drawing.KEEP_INFORMED
    assert drawing.quadrant(1, 1) == drawing.MONITOR
    assert drawing.quadrant(3, 2) == drawing.KEEP_SATISFIED


def test_grid_is_an_accessible_image_with_one_dot_per_stakeholder():
    points = [
        GridPoint("Gemeente", 5, 4, "supportive"),
        GridPoint("Bouwers", 2, 5, "critical"),
        GridPoint("Buurt", 1, 1),
    ]
    root = ET.fromstring(_grid(points))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "grid-title grid-desc"
    assert root.find(f"{SVG}title").text == "Power/interest grid"
    assert root.find(f"{SVG}desc").get("id") == "grid-desc"
    assert len(_points(root)) == 3
    texts = _texts(root)
    for name in QUADRANT_NAMES.values():
        assert name in texts
    assert "Interest →" in texts and "Power ↑" in texts
    assert {"Gemeente", "Bouwers", "Buurt"} <= set(texts)


def test_grid_escapes_names():
    root = ET.fromstring(_grid([GridPoint('A <&> "B"', 3, 3)]))
    assert 'A <&> "B"' in _texts(root)


def test_grid_spreads_stakeholders_that_share_a_cell():
    points = [GridPoint(f"Partij {i}", 4, 4) for i in range(5)]
    placed = drawing.place_points(points)
    assert len({(p.x, p.y) for p in placed}) == 5


def test_grid_is_deterministic_whatever_the_order():
    points = [GridPoint("B", 4, 4), GridPoint("A", 4, 4), GridPoint("C", 2, 1, "neutral")]
    assert _grid(points) == _grid(list(reversed(points)))


def test_grid_marks_attitude_with_a_symbol_not_only_colour():
    root = ET.fromstring(_grid([GridPoint("Kritisch", 3, 3, "critical")]))
    point = root.find(f"{SVG}g[@class='chart__point']")
    assert "\u2212" in "".join(point.itertext())


@given(
    st.lists(
        st.builds(
            GridPoint,
            name=st.text(max_size=150),  # any characters, control characters too
            power=st.integers(1, 5),
            interest=st.integers(1, 5),
            attitude=st.sampled_from(["supportive", "neutral", "critical", "unknown"]),
        ),
        max_size=60,
    )
)
def test_any_grid_is_well_formed_with_every_point_inside_the_view(points):
    root = ET.fromstring(_grid(points))
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    circles = _points(root)
    assert len(circles) == len(points)
    for circle in circles:
        cx, cy, r = (float(circle.get(a)) for a in ("cx", "cy", "r"))
        assert r <= cx <= width - r
        assert r <= cy <= height - r
        assert drawing.PLOT_LEFT <= cx <= drawing.PLOT_RIGHT
        assert drawing.PLOT_TOP <= cy <= drawing.PLOT_BOTTOM


def _tree(central, causes, effects):
    return drawing.problem_tree_svg(central, causes, effects, TREE_LABELS, uid="tree")


def test_tree_has_one_box_per_node():
    causes = [
        TreeItem("Weinig kennis", (TreeItem("Geen opleiding"), TreeItem("Geen tijd"))),
        TreeItem("Regels"),
    ]
    effects = [TreeItem("Meer afval", (TreeItem("Hogere kosten"),))]
    root = ET.fromstring(_tree("Te weinig circulaire inkoop", causes, effects))
    boxes = root.findall(f".//{SVG}rect")
    assert len(boxes) == 1 + 4 + 2  # central problem, causes, effects
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Problem tree"


def test_tree_puts_effects_above_and_causes_below_the_central_problem():
    root = ET.fromstring(_tree("Probleem", [TreeItem("Oorzaak")], [TreeItem("Gevolg")]))
    y = {"".join(g.itertext()): float(g.find(f"{SVG}rect").get("y")) for g in root.iter(f"{SVG}g")}
    assert y["Gevolg"] < y["Probleem"] < y["Oorzaak"]


def test_tree_escapes_text_and_is_deterministic():
    markup = _tree("<script>&", [TreeItem('"cause" <b>')], [])
    assert markup == _tree("<script>&", [TreeItem('"cause" <b>')], [])
    root = ET.fromstring(markup)
    assert "<script>&" in _texts(root)


def test_tree_with_only_a_central_problem():
    root = ET.fromstring(_tree("Alleen het probleem", [], []))
    assert len(root.findall(f".//{SVG}rect")) == 1


def test_long_texts_wrap_into_at_most_three_lines():
    lines = drawing.wrap_lines("woord " * 40 + "Supercalifragilisticexpialidocious" * 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(len(line) <= drawing.LINE_CHARS for line in lines)

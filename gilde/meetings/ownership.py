"""Step 5's ownership trend as a chart: the share of agenda items led by participants per held
meeting. Drawn for the facilitation page and for step 5's workspace (through the step panel in
providers.py)."""

from django.utils.translation import gettext as _

from gilde.core.formatting import percent
from gilde.core.safe_svg import safe_svg

from . import charts, selectors


def ownership_chart(rows: list[dict]) -> str:
    """The SVG for `selectors.ownership_rows(...)`, or "" without rows."""
    if not rows:
        return ""
    return safe_svg(
        charts.ownership_chart_svg(
            [row["share"] for row in rows],
            target=selectors.OWNERSHIP_TARGET,
            labels=charts.OwnershipLabels(
                title=_(
                    "Share of agenda items led by participants, per held meeting; the table "
                    "below gives the numbers."
                ),
                target=percent(selectors.OWNERSHIP_TARGET),
            ),
            uid="ownership-chart",
        )
    )

"""The programme's figures as tables and charts, for its pages, its CSV/XLSX export and its
report alike: the columns, the rows with hidden figures as words, the totals and medians of the
figures shown, and the two charts (where the CoPs stand, meeting value per CoP)."""

from django.utils.translation import gettext as _

from gilde.communities.programme_figures import NUMBER
from gilde.core.safe_svg import safe_svg

from . import charts, selectors
from .display import CHANGE, Words, plain_text, value_text

TREND = "meeting_value_trend"


def columns(overview) -> list[dict]:
    """The side-by-side table's columns: each scalar figure, then the evaluation trend after the
    meeting value."""
    found = [
        {"key": d.key, "label": d.label, "kind": d.kind, "total": d.total, "group": d.group}
        for d in overview.columns
    ]
    position = next((i for i, c in enumerate(found) if c["key"] == "meeting_value"), None)
    trend = {
        "key": TREND,
        "label": _("Evaluation trend"),
        "kind": CHANGE,
        "total": False,
        "group": found[position]["group"] if position is not None else "",
    }
    found.insert(len(found) if position is None else position + 1, trend)
    return found


def totals_row(overview, chosen: list[dict]) -> list[str]:
    return [
        value_text(overview.totals.get(c["key"]), c["kind"]) if c["total"] else "" for c in chosen
    ]


def medians_row(overview, chosen: list[dict]) -> list[str]:
    return [plain_text(overview.medians.get(c["key"]), c["kind"]) for c in chosen]


def stands_label(number: int | None) -> str:
    if number is None:
        return _("not computed yet")
    if number > selectors.STEP_COUNT:
        return _("all done")
    return _("step %(n)s") % {"n": number}


def step_label(number: int) -> str:
    return _("All done") if number > selectors.STEP_COUNT else _("Step %(n)s") % {"n": number}


def export_table(programme) -> tuple[list[str], list[list[str]]]:
    """The side-by-side figures as a table: one row per member CoP, hidden figures as words."""
    data = selectors.programme_overview(programme=programme)
    chosen = columns(data)
    words = Words()
    headers = [
        _("CoP"),
        _("Theme"),
        _("Region"),
        _("Start year"),
        _("Stands at step"),
        *[str(c["label"]) for c in chosen],
    ]
    rows = [
        [
            row.community.name,
            row.link.theme,
            row.link.region,
            str(row.start_year),
            str(row.stands_at or ""),
            *[words.cell(row.cells[c["key"]], c["kind"]) for c in chosen],
        ]
        for row in data.rows
    ]
    rows.append([_("Total of the figures shown"), "", "", "", "", *totals_row(data, chosen)])
    return headers, rows


def distribution_rows(overview) -> list[charts.BarRow]:
    return [
        charts.BarRow(step_label(number), count, str(count))
        for number, count in overview.distribution
    ]


def stall_chart(overview) -> str:
    return safe_svg(
        charts.bars_svg(
            distribution_rows(overview),
            title=_("Where the CoPs stand"),
            description=_(
                "The number of CoPs per step they have not finished yet; the table below gives "
                "the same numbers."
            ),
            uid="programme-stall",
        )
    )


def value_rows(overview, words: Words) -> list[charts.BarRow]:
    return [
        charts.BarRow(
            row.community.name,
            row.cells["meeting_value"].value if row.cells["meeting_value"].shown else None,
            words.cell(row.cells["meeting_value"], NUMBER),
        )
        for row in overview.rows
    ]


def value_chart(overview, words: Words) -> str:
    return safe_svg(
        charts.bars_svg(
            value_rows(overview, words),
            title=_("Meeting value per CoP"),
            description=_(
                "The average evaluation score (1 to 5) per CoP; the side-by-side table gives "
                "the same numbers."
            ),
            uid="programme-value",
            top=5,
        )
    )


def work_form_rows(overview, guide) -> list[dict]:
    return [
        {
            "use": use,
            "name": getattr(guide.work_form(use.key), "name", use.key),
            "average": value_text(use.average, NUMBER),
        }
        for use in overview.work_forms
    ]

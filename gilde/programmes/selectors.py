"""Reads for programmes. The overview reads stored figures only (gilde/programmes/tasks.py), so it
costs the same few queries for five CoPs or a hundred; every figure passes `disclosure.cell`."""

from dataclasses import dataclass, field
from datetime import date

from gilde.communities.programme_figures import (
    COUNT,
    MONTHS,
    NUMBER,
    PERCENT,
    TEXT,
    FigureDefinition,
    figure_definitions,
)

from . import disclosure
from .disclosure import Cell
from .models import CopFigures, LinkStatus, Programme, ProgrammeCop

SCALAR_KINDS = (COUNT, PERCENT, NUMBER, MONTHS)
STEP_COUNT = 8


def programmes_managed_by(user) -> list[Programme]:
    return list(Programme.objects.filter(managers__user_id=user.pk).order_by("name"))


def scalar_definitions() -> list[FigureDefinition]:
    return [d for d in figure_definitions() if d.kind in SCALAR_KINDS]


def _trend_cell(raw: dict | None) -> Cell:
    """The evaluation trend's change as a cell (same people rule as the trend itself)."""
    value = (raw or {}).get("value") or {}
    return disclosure.cell(
        {"value": value.get("change"), "people": (raw or {}).get("people")} if raw else None
    )


@dataclass
class CopRow:
    link: ProgrammeCop
    cells: dict  # key → Cell, for every scalar figure and "meeting_value_trend"
    statuses: list  # the eight steps' statuses ("done", "under_way", "not_started"); [] unknown
    stands_at: int | None  # the first step not done; 9 when all are; None when not computed
    computed_at: object
    trend: list = field(default_factory=list)  # the last meeting values, when shown

    @property
    def community(self):
        return self.link.community

    @property
    def start_year(self) -> int:
        return self.link.community.start_date.year


def _row(link: ProgrammeCop, row: CopFigures | None) -> CopRow:
    figures = row.figures if row else {}
    cells = {d.key: disclosure.cell(figures.get(d.key)) for d in scalar_definitions()}
    trend_raw = figures.get("meeting_value_trend")
    cells["meeting_value_trend"] = _trend_cell(trend_raw)
    trend = (trend_raw or {}).get("value") or {}
    steps = (figures.get("steps") or {}).get("value") or {}
    return CopRow(
        link=link,
        cells=cells,
        statuses=list(steps.get("statuses", [])),
        stands_at=steps.get("stands_at"),
        computed_at=row.computed_at if row else None,
        trend=list(trend.get("values", [])) if cells["meeting_value_trend"].shown else [],
    )


@dataclass
class Filters:
    theme: str = ""
    region: str = ""
    start_year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.theme or self.region or self.start_year)

    def keeps(self, row: CopRow) -> bool:
        return (
            (not self.theme or row.link.theme == self.theme)
            and (not self.region or row.link.region == self.region)
            and (not self.start_year or row.start_year == self.start_year)
        )


@dataclass
class Overview:
    programme: Programme
    rows: list
    columns: list  # FigureDefinition, scalar
    totals: dict  # key → the sum of the shown cells, for figures that add up
    medians: dict  # key → the median of the shown cells
    distribution: list  # (step number 1–9, number of CoPs standing at it)
    work_forms: list  # disclosure.WorkFormUse
    themes: list
    regions: list
    years: list
    filters: Filters


def programme_overview(*, programme: Programme, filters: Filters | None = None) -> Overview:
    """The programme's member CoPs with their latest figures, filtered, side by side. Two
    queries, whatever the number of CoPs."""
    filters = filters or Filters()
    links = list(
        programme.links.filter(status=LinkStatus.MEMBER)
        .select_related("community")
        .order_by("community__name", "pk")
    )
    stored = {
        row.community_id: row
        for row in CopFigures.objects.filter(
            latest=True, community_id__in=[link.community_id for link in links]
        )
    }
    every = [_row(link, stored.get(link.community_id)) for link in links]
    rows = [row for row in every if filters.keeps(row)]
    columns = scalar_definitions()
    totals = {d.key: disclosure.total(row.cells[d.key] for row in rows) for d in columns if d.total}
    medians = {d.key: disclosure.middle(row.cells[d.key] for row in rows) for d in columns}
    medians["meeting_value_trend"] = disclosure.middle(
        row.cells["meeting_value_trend"] for row in rows
    )
    counts = {number: 0 for number in range(1, STEP_COUNT + 2)}
    for row in rows:
        if row.stands_at in counts:
            counts[row.stands_at] += 1
    uses = disclosure.work_form_uses(
        ((stored[row.link.community_id].figures.get("work_forms") or {}).get("value") or {})
        for row in rows
        if row.link.community_id in stored
    )
    return Overview(
        programme=programme,
        rows=rows,
        columns=columns,
        totals=totals,
        medians=medians,
        distribution=sorted(counts.items()),
        work_forms=uses,
        themes=sorted({link.theme for link in links if link.theme}),
        regions=sorted({link.region for link in links if link.region}),
        years=sorted({link.community.start_date.year for link in links}),
        filters=filters,
    )


@dataclass
class CopDetail:
    row: CopRow
    definitions: list  # every figure with its label and explanation
    reflection: dict | None  # only where the CoP shares it
    history: list  # (period, {key: Cell}) for past months, newest first


def programme_cop_detail(*, link: ProgrammeCop) -> CopDetail:
    """One member CoP's figures for its programme's managers, with its earlier months. One
    query."""
    rows = list(CopFigures.objects.filter(community_id=link.community_id).order_by("-period"))
    latest = next((row for row in rows if row.latest), None)
    reflection = None
    if latest is not None and link.share_reflection:
        reflection = dict((latest.figures.get("reflection") or {}).get("value") or {}) or None
        if reflection and reflection.get("ends_on"):
            reflection["ends_on"] = date.fromisoformat(reflection["ends_on"])
    history = [
        (row.period, {d.key: disclosure.cell(row.figures.get(d.key)) for d in scalar_definitions()})
        for row in rows
    ]
    return CopDetail(
        row=_row(link, latest),
        definitions=scalar_definitions(),
        reflection=reflection,
        history=history,
    )


def cop_programme_links(*, community) -> list[ProgrammeCop]:
    """The programmes that invited the CoP or that it is in, for its settings page."""
    return list(
        community.programme_links.filter(status__in=(LinkStatus.INVITED, LinkStatus.MEMBER))
        .select_related("programme")
        .order_by("programme__name")
    )


def shared_definitions() -> list[FigureDefinition]:
    """What a programme sees of a member CoP, as the CoP's settings page lists it."""
    return [d for d in figure_definitions() if d.kind != TEXT]


def reflection_definition() -> FigureDefinition | None:
    return next((d for d in figure_definitions() if d.shared_by_choice), None)

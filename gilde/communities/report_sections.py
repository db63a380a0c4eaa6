"""Report sections: each app's part of the reports per audience that step 8 writes.

Step 8 (the communicate app) writes a report for one audience at a time — a participating
organisation, the initiator or funder, the field — about one period of the CoP. The content comes
from every app, through this registry, so no step app imports another. An app registers a
function in its `AppConfig.ready()`:

    @report_section(key="meetings.attendance", order=30, audiences=(FUNDER, ORGANISATION))
    def attendance(scope: ReportScope) -> ReportSection | None: ...

The contract every section keeps:

- It returns `None` when it has nothing to say for the scope; or a section whose `empty` says
  plainly what is not there yet (a young CoP's report tells so rather than leaving a gap).
- It holds text the group already shares and aggregates (counts, shares, averages), never a
  person's private content: no learning-record item below the tier the audience may read (only
  "public" items for the field, "group" items and wider for the others), no individual
  evaluation answer (evaluation content only through meetings' evaluation gate), and aggregates
  only from their thresholds (below one, the value is left out with a note).
- For the field (`FIELD`) only what the CoP made public: the question, the approach, the public
  lessons and results.
- `scope.organisation_id` is set for `ORGANISATION`: what concerns that organisation's people is
  given as the organisation's total, not per person.

Blocks are plain data (`Paragraph`, `Facts`, `Bullets`, `Table`, `Chart`, from
gilde.core.documents), so one section is written out as HTML and PDF, Word and Markdown alike. A
`Chart` carries an SVG made with gilde.core.svg and the table that says the same in words (Word
and Markdown use the table).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from gilde.core.documents import Block, Bullets, Chart, Facts, Paragraph, Section, Table
from gilde.core.formatting import percent

from .models import Community

ORGANISATION = "organisation"
FUNDER = "funder"
FIELD = "field"
AUDIENCES = (ORGANISATION, FUNDER, FIELD)


@dataclass(frozen=True)
class ReportScope:
    """One report: the CoP, the audience, the period (from `start` up to and including `end`) and
    for an organisation's report the organisation's id."""

    community: Community
    audience: str
    start: date
    end: date
    organisation_id: int | None = None

    @property
    def is_public(self) -> bool:
        return self.audience == FIELD


# The blocks and sections are gilde.core.documents': a report section is a document's section.
ReportSection = Section

SectionFunction = Callable[[ReportScope], ReportSection | None]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    audiences: tuple[str, ...]
    function: SectionFunction


_SECTIONS: dict[str, _Registered] = {}


def report_section(*, key: str, order: int, audiences: tuple[str, ...]):
    """Register `(scope) -> ReportSection | None` for the given audiences; `order` places it
    among the others (lower first)."""
    unknown = set(audiences) - set(AUDIENCES)
    if unknown:
        raise ValueError(f"Unknown report audiences: {sorted(unknown)}")

    def decorator(function: SectionFunction) -> SectionFunction:
        registered = _SECTIONS.get(key)
        if registered is not None and registered.function.__qualname__ != function.__qualname__:
            raise ValueError(f"Report section {key!r} is registered twice")
        _SECTIONS[key] = _Registered(key, order, tuple(audiences), function)
        return function

    return decorator


def report_section_keys(audience: str) -> list[str]:
    return [entry.key for entry in _ordered() if audience in entry.audiences]


def _ordered() -> list[_Registered]:
    return sorted(_SECTIONS.values(), key=lambda entry: (entry.order, entry.key))


def report_sections_for(scope: ReportScope) -> list[ReportSection]:
    """Every registered section for the scope's audience, in order; those with nothing left out."""
    sections = []
    for entry in _ordered():
        if scope.audience not in entry.audiences:
            continue
        section = entry.function(scope)
        if section is not None:
            sections.append(section)
    return sections


def report_section_for(key: str, scope: ReportScope) -> ReportSection | None:
    """One registered section (for a page that shows just that part, like the public page)."""
    entry = _SECTIONS.get(key)
    if entry is None or scope.audience not in entry.audiences:
        return None
    return entry.function(scope)


def facts_from_evidence(items) -> Facts:
    """Evidence items (gilde.communities.evidence) as report facts: their thresholds kept, a value
    left out shown as "–" with the item's note."""
    rows = []
    for item in items:
        if item.value is None:
            value = "–"
        elif item.unit == "%" and isinstance(item.value, int | float):
            rows.append((item.label, percent(item.value, 1), item.note))
            continue
        elif isinstance(item.value, float):
            value = f"{item.value:.1f}".replace(".", _decimal_separator())
        else:
            value = str(item.value)
        rows.append((item.label, f"{value} {item.unit}".strip(), item.note))
    return Facts(rows)


def _decimal_separator() -> str:
    from django.utils.formats import get_format

    return str(get_format("DECIMAL_SEPARATOR"))


__all__ = [
    "AUDIENCES",
    "FIELD",
    "FUNDER",
    "ORGANISATION",
    "Block",
    "Bullets",
    "Chart",
    "Facts",
    "Paragraph",
    "ReportScope",
    "ReportSection",
    "Table",
    "facts_from_evidence",
    "report_section",
    "report_section_for",
    "report_sections_for",
]

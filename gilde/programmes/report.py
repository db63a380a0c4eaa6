"""The programme report: what the programme's CoPs achieve together, for the programme office
and its partners, written with gilde.core.documents (PDF, Word, Markdown) from the stored figures
only — the same figures, with the same rule for small numbers, as the overview. It names no
person and quotes no answer; a CoP's reflection only where the CoP shares it.

The worker makes it (gilde.core.document_jobs); its `built_revision` is `fingerprint()`: a change
in the member CoPs, their labels or choices, or any CoP's stored figures makes it not current.
"""

import hashlib
import json

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gilde.core.documents import (
    Chart,
    Document,
    Facts,
    Paragraph,
    Section,
    Table,
)
from gilde.guide.selectors import guide_for_request

from . import selectors, tables
from .display import Words, value_text
from .models import CopFigures, LinkStatus, Programme, ProgrammeReport


def fingerprint(programme: Programme) -> int:
    """A number that changes whenever anything the report shows may have changed. Two queries."""
    links = list(
        programme.links.filter(status=LinkStatus.MEMBER)
        .order_by("community_id")
        .values_list("community_id", "theme", "region", "share_reflection")
    )
    figures = list(
        CopFigures.objects.filter(latest=True, community_id__in=[link[0] for link in links])
        .order_by("community_id")
        .values_list("community_id", "period", "revision", "computed_at")
    )
    source = [
        programme.name,
        programme.description,
        programme.owner_organisation,
        links,
        [(cop, period, revision, str(at)) for cop, period, revision, at in figures],
    ]
    digest = hashlib.blake2b(json.dumps(source, default=str).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def _about(programme: Programme, overview) -> Section:
    blocks: list = []
    if programme.description:
        blocks.append(Paragraph(programme.description))
    members = overview.totals.get("members")
    blocks.append(
        Facts(
            [
                (_("Owner organisation"), programme.owner_organisation, ""),
                (_("CoPs in the programme"), str(len(overview.rows)), ""),
                (
                    _("Members of those CoPs"),
                    value_text(members, "count") if members is not None else "–",
                    _("counted only in CoPs of five members or more"),
                ),
                (_("Themes"), ", ".join(overview.themes) or "–", ""),
                (_("Regions"), ", ".join(overview.regions) or "–", ""),
            ]
        )
    )
    blocks.append(
        Paragraph(
            _(
                "The figures come from what each CoP does in Gilde and are computed in the "
                "background. A figure that rests on fewer than five people is not shown and is "
                "not counted in any total or median either; the report names no person and "
                "quotes no answer."
            )
        )
    )
    return Section("programme.about", _("About the programme"), blocks)


def _stand(overview) -> Section:
    rows = [[bar.label, str(bar.value)] for bar in tables.distribution_rows(overview)]
    table = Table([_("Step"), _("CoPs")], rows, caption=_("CoPs per step they have not finished"))
    return Section(
        "programme.steps",
        _("Where the CoPs stand"),
        [
            Paragraph(
                _(
                    "Each CoP counts at the first of the eight steps it has not finished: where "
                    "it may stall."
                )
            ),
            Chart(tables.stall_chart(overview), table),
        ],
    )


def _figure_tables(overview, words: Words) -> Section:
    """The side-by-side figures, one table per group of figures (the CoP, meetings, experiments,
    network, results), so each fits a page."""
    title = _("The CoPs side by side")
    if not overview.rows:
        return Section("programme.figures", title, empty=_("No CoP is in the programme yet."))
    chosen = tables.columns(overview)
    groups: dict[str, list[dict]] = {}
    for column in chosen:
        groups.setdefault(str(column["group"]), []).append(column)
    subsections = []
    for index, (heading, group) in enumerate(groups.items()):
        headers = [_("CoP"), *[str(c["label"]) for c in group]]
        if index == 0:
            headers.insert(1, _("Stands at"))
        rows = []
        for row in overview.rows:
            cells = [words.cell(row.cells[c["key"]], c["kind"]) for c in group]
            if index == 0:
                cells.insert(0, tables.stands_label(row.stands_at))
            rows.append([row.community.name, *cells])
        padding = [""] if index == 0 else []
        totals = tables.totals_row(overview, group)
        if any(totals):
            rows.append([_("Total of the figures shown"), *padding, *totals])
        rows.append(
            [_("Median of the figures shown"), *padding, *tables.medians_row(overview, group)]
        )
        subsections.append(Section(f"programme.figures.{index}", heading, [Table(headers, rows)]))
    value_table = Table(
        [_("CoP"), _("Meeting value")],
        [[bar.label, bar.text] for bar in tables.value_rows(overview, words)],
    )
    subsections.append(
        Section(
            "programme.figures.value",
            _("Meeting value per CoP"),
            [Chart(tables.value_chart(overview, words), value_table)],
        )
    )
    return Section(
        "programme.figures",
        title,
        [Paragraph(_("“Fewer than 5” means the figure rests on too few people to show."))],
        subsections=subsections,
    )


def _work_forms(overview) -> Section:
    title = _("Work forms the CoPs use")
    uses = tables.work_form_rows(overview, guide_for_request())
    if not uses:
        return Section(
            "programme.work_forms", title, empty=_("No meeting used a library work form yet.")
        )
    rows = [
        [
            use["name"],
            str(use["use"].cops),
            str(use["use"].meetings),
            use["average"] or _("too few meetings"),
        ]
        for use in uses
    ]
    return Section(
        "programme.work_forms",
        title,
        [
            Paragraph(
                _(
                    "The average meeting value shows only for a work form used in at least five "
                    "evaluated meetings in three CoPs."
                )
            ),
            Table([_("Work form"), _("CoPs"), _("Meetings"), _("Average meeting value")], rows),
        ],
    )


def _reflections(overview) -> Section:
    title = _("Reflections the CoPs share")
    sharing = [row for row in overview.rows if row.link.share_reflection]
    stored = {
        row.community_id: (row.figures.get("reflection") or {}).get("value") or {}
        for row in CopFigures.objects.filter(
            latest=True, community_id__in=[row.link.community_id for row in sharing]
        )
    }
    subsections = []
    for row in sharing:
        reflection = stored.get(row.link.community_id) or {}
        if not (reflection.get("went_well") or reflection.get("to_change")):
            continue
        facts = [
            (str(label), reflection[key], "")
            for key, label in (
                ("went_well", _("What goes well")),
                ("to_change", _("What to change")),
            )
            if reflection.get(key)
        ]
        subsections.append(
            Section(
                f"programme.reflection.{row.link.community_id}", row.community.name, [Facts(facts)]
            )
        )
    if not subsections:
        return Section(
            "programme.reflections",
            title,
            empty=_("No CoP shares the reflection of a closed monitoring cycle yet."),
        )
    return Section(
        "programme.reflections",
        title,
        [Paragraph(_("What each CoP wrote as a group at the end of its latest monitoring cycle."))],
        subsections=subsections,
    )


def programme_document(report: ProgrammeReport) -> Document:
    """Everything the programme report says, in the active language."""
    programme = report.programme
    overview = selectors.programme_overview(programme=programme)
    words = Words()
    today = formats.date_format(timezone.localdate(), "j F Y")
    return Document(
        subject=programme.name,
        title=_("What %(name)s achieves together") % {"name": programme.name},
        audience_label=_("Programme report"),
        period_label=_("Figures as of %(date)s") % {"date": today},
        introduction=report.introduction,
        made_on=today,
        sections=[
            _about(programme, overview),
            _stand(overview),
            _figure_tables(overview, words),
            _work_forms(overview),
            _reflections(overview),
        ],
        empty_note=_(
            "There is little to report yet: the programme has no member CoPs, or their figures "
            "are still being computed."
        ),
    )

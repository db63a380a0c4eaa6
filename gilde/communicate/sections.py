"""Step 8's own part of the reports (gilde.communities.report_sections): the results register
(public results only for the field) and, for the initiator or funder, what step 1 set out to
achieve beside what was realised."""

from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gilde.communities.evidence import Period, evidence_for
from gilde.communities.report_sections import (
    AUDIENCES,
    FIELD,
    FUNDER,
    ORGANISATION,
    Chart,
    Paragraph,
    ReportScope,
    ReportSection,
    Table,
    report_section,
    report_section_for,
)
from gilde.core.safe_svg import safe_svg

from .charts import bar_chart
from .models import Level
from .selectors import results_in_period


def _result_lines(results) -> list[list[str]]:
    rows = []
    for result in results:
        where = (
            result.link
            or (
                result.attachment_name
                and _("attachment: %(name)s") % {"name": result.attachment_name}
            )
            or ""
        )
        rows.append(
            [
                result.title,
                str(result.get_kind_display()),
                formats.date_format(result.achieved_on, "j F Y"),
                result.description,
                where,
            ]
        )
    return rows


@report_section(key="communicate.results", order=20, audiences=AUDIENCES)
def results_section(scope: ReportScope) -> ReportSection:
    results = list(
        results_in_period(scope.community, scope.start, scope.end, public_only=scope.is_public)
    )
    title = _("Results")
    if not results:
        empty = (
            _("No result is public yet.")
            if scope.is_public
            else _("The results register holds no result for this period yet.")
        )
        return ReportSection("communicate.results", title, empty=empty)
    counts = [
        (str(label), sum(1 for r in results if r.level == level)) for level, label in Level.choices
    ]
    table = Table([_("Yield level"), _("Results")], [[label, str(n)] for label, n in counts])
    blocks: list = [
        Chart(safe_svg(bar_chart(title=_("Results per yield level"), rows=counts)), table),
    ]
    subsections = []
    headers = [_("Result"), _("Kind"), _("Date"), _("Description"), _("Where to find it")]
    if scope.audience == ORGANISATION:
        own = [
            r for r in results if any(o.pk == scope.organisation_id for o in r.organisations.all())
        ]
        if own:
            subsections.append(
                ReportSection(
                    "communicate.results.own",
                    _("Results your organisation took part in"),
                    [Table(headers, _result_lines(own))],
                )
            )
    for level, label in Level.choices:
        at_level = [r for r in results if r.level == level]
        if at_level:
            subsections.append(
                ReportSection(
                    f"communicate.results.{level}",
                    str(label),
                    [Table(headers, _result_lines(at_level))],
                )
            )
    return ReportSection("communicate.results", title, blocks, subsections=subsections)


@report_section(key="communicate.realised", order=25, audiences=(FUNDER,))
def realised_section(scope: ReportScope) -> ReportSection:
    tz = timezone.get_current_timezone()
    period = Period(
        timezone.make_aware(datetime.combine(scope.start, time.min), tz),
        timezone.make_aware(datetime.combine(scope.end, time.max), tz),
    )
    intended: dict[str, list[str]] = {}
    for group in evidence_for(scope.community, period, keys=["question.yields"]):
        for item in group.items:
            intended.setdefault(item.level, []).append(str(item.value))
    results = list(results_in_period(scope.community, scope.start, scope.end, public_only=False))
    rows = []
    for level, label in Level.choices:
        realised = [r.title for r in results if r.level == level]
        if intended.get(level) or realised:
            rows.append(
                [str(label), "; ".join(intended.get(level, [])) or "–", "; ".join(realised) or "–"]
            )
    title = _("Intended and realised")
    if not rows:
        return ReportSection(
            "communicate.realised",
            title,
            empty=_("There are no intended yields and no results to set side by side yet."),
        )
    return ReportSection(
        "communicate.realised",
        title,
        [Table([_("Yield level"), _("What we set out to achieve"), _("Results")], rows)],
    )


def public_question(community) -> str:
    """The CoP's current question, as the field report gives it (through the question's
    report section: step 8 reads no other step's data directly)."""
    today = timezone.localdate()
    scope = ReportScope(community=community, audience=FIELD, start=community.start_date, end=today)
    section = report_section_for("question.sheet", scope)
    if section is None or not section.blocks:
        return ""
    first = section.blocks[0]
    return first.text if isinstance(first, Paragraph) else ""

"""A CoP's report put together: the cover, the introduction and every app's sections (through
gilde.communities.report_sections), as a `gilde.core.documents.Document` — which writes it as
HTML, PDF, Word and Markdown alike."""

from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gilde.accounts.models import Organisation
from gilde.communities.models import Community
from gilde.communities.report_sections import (
    FUNDER,
    ORGANISATION,
    ReportScope,
    report_sections_for,
)
from gilde.core.documents import Document

from .models import Report


def report_period(report: Report, community: Community) -> tuple[date, date]:
    """The report's period, within the CoP's life: its start up to today by default."""
    start = report.period_start or community.start_date
    end = report.period_end or max(timezone.localdate(), start)
    return start, end


def audience_title(audience: str, organisation: Organisation | None) -> str:
    if audience == ORGANISATION:
        name = organisation.name if organisation else _("a participating organisation")
        return _("For %(organisation)s") % {"organisation": name}
    if audience == FUNDER:
        return _("For the initiator and funder")
    return _("For the field")


def period_label(start: date, end: date) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(start, "j F Y"),
        "end": formats.date_format(end, "j F Y"),
    }


def report_document(
    report: Report, community: Community, *, period: tuple[date, date] | None = None
) -> Document:
    """Everything the report says, for its audience and period, in the active language."""
    start, end = period or report_period(report, community)
    scope = ReportScope(
        community=community,
        audience=report.audience,
        start=start,
        end=end,
        organisation_id=report.organisation_id if report.audience == ORGANISATION else None,
    )
    return Document(
        subject=community.name,
        title=_("What %(name)s yields") % {"name": community.name},
        audience_label=audience_title(report.audience, report.organisation),
        period_label=period_label(start, end),
        introduction=report.introduction,
        made_on=formats.date_format(timezone.localdate(), "j F Y"),
        sections=report_sections_for(scope),
        empty_note=_(
            "There is little to report yet: the CoP is young, and most of what this report shows "
            "comes as it meets, learns and records its results."
        ),
    )

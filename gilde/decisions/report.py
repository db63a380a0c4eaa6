"""Step 5's part of the report for the initiator or funder (gilde.communities.report_sections):
the decisions of the period, as the group's log records them."""

from django.utils import formats
from django.utils.translation import gettext as _

from gilde.communities.report_sections import (
    FUNDER,
    ReportScope,
    ReportSection,
    Table,
    report_section,
)

from .models import Decision


@report_section(key="decisions", order=50, audiences=(FUNDER,))
def decisions_section(scope: ReportScope) -> ReportSection:
    decisions = Decision.objects.filter(
        community=scope.community, decided_on__gte=scope.start, decided_on__lte=scope.end
    ).order_by("decided_on", "pk")
    rows = [
        [formats.date_format(d.decided_on, "j F Y"), d.statement, str(d.get_taken_by_display())]
        for d in decisions
    ]
    if not rows:
        return ReportSection(
            "decisions", _("Decisions"), empty=_("No decision is recorded for this period.")
        )
    return ReportSection(
        "decisions", _("Decisions"), [Table([_("Date"), _("Decision"), _("Taken by")], rows)]
    )

"""Step 6's part of the report for the initiator or funder (gilde.communities.report_sections):
network growth, the system analysis's movement and the value stories as its evidence gives them
(aggregates from their thresholds), and the reflections of the monitoring cycles closed in the
period."""

from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gilde.communities.evidence import Period
from gilde.communities.report_sections import (
    FUNDER,
    Paragraph,
    ReportScope,
    ReportSection,
    facts_from_evidence,
    report_section,
)

from .evidence import network_evidence, story_evidence, tis_evidence
from .models import CycleStatus, MonitoringCycle


@report_section(key="monitoring", order=70, audiences=(FUNDER,))
def monitoring_section(scope: ReportScope) -> ReportSection:
    tz = timezone.get_current_timezone()
    period = Period(
        timezone.make_aware(datetime.combine(scope.start, time.min), tz),
        timezone.make_aware(datetime.combine(scope.end, time.max), tz),
    )
    community = scope.community
    subsections = []
    for key, title, provider in (
        ("monitoring.network", _("Network growth"), network_evidence),
        ("monitoring.tis", _("System analysis"), tis_evidence),
        ("monitoring.stories", _("Value-creation stories"), story_evidence),
    ):
        items = provider(community, period)
        if items:
            subsections.append(ReportSection(key, title, [facts_from_evidence(items)]))
    cycles = MonitoringCycle.objects.filter(
        community=community,
        status=CycleStatus.CLOSED,
        ends_on__gte=scope.start,
        starts_on__lte=scope.end,
    ).order_by("starts_on")
    for cycle in cycles:
        blocks = []
        if cycle.went_well.strip():
            blocks.append(Paragraph(_("What goes well: %(text)s") % {"text": cycle.went_well}))
        if cycle.to_change.strip():
            blocks.append(Paragraph(_("What to change: %(text)s") % {"text": cycle.to_change}))
        if blocks:
            label = _("Monitoring cycle %(number)s (%(start)s to %(end)s)") % {
                "number": cycle.number,
                "start": formats.date_format(cycle.starts_on, "j F Y"),
                "end": formats.date_format(cycle.ends_on, "j F Y"),
            }
            subsections.append(ReportSection(f"monitoring.cycle.{cycle.pk}", label, blocks))
    title = _("Monitoring")
    if not subsections:
        return ReportSection(
            "monitoring", title, empty=_("No monitoring was done in this period yet.")
        )
    return ReportSection("monitoring", title, subsections=subsections)

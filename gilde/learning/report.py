"""Step 7's part of the reports (gilde.communities.report_sections). Only what people shared:
the group's items (tier "group" and wider) for an organisation's and the funder's report, public
items for the field's, and counts for the rest. The tiers are applied in `selectors.py`."""

from django.utils.translation import gettext as _

from gilde.communities.report_sections import (
    FIELD,
    FUNDER,
    ORGANISATION,
    Bullets,
    Facts,
    ReportScope,
    ReportSection,
    report_section,
)

from .models import Tier
from .selectors import experiment_counts, shared_for_report


def _experiment_line(experiment) -> str:
    learned = experiment.report_learned.strip()
    return f"{experiment.title}: {learned}" if learned else experiment.title


@report_section(key="learning", order=60, audiences=(ORGANISATION, FUNDER, FIELD))
def learning_section(scope: ReportScope) -> ReportSection:
    community = scope.community
    if scope.audience == FIELD:
        experiments, entries = shared_for_report(
            community, tier=Tier.PUBLIC, start=scope.start, end=scope.end
        )
        lessons = [e.body.strip() for e in entries] + [
            _experiment_line(x) for x in experiments if x.reported_at
        ]
        if not lessons:
            return ReportSection(
                "learning", _("Lessons"), empty=_("Nothing of the learning is public yet.")
            )
        return ReportSection("learning", _("Lessons"), [Bullets(lessons)])
    if scope.audience == ORGANISATION:
        experiments, _entries = shared_for_report(
            community,
            tier=Tier.GROUP,
            start=scope.start,
            end=scope.end,
            organisation_id=scope.organisation_id,
        )
        title = _("Experiments your people shared")
        if not experiments:
            return ReportSection(
                "learning", title, empty=_("Your people shared no experiment with the group yet.")
            )
        return ReportSection(
            "learning", title, [Bullets([_experiment_line(x) for x in experiments])]
        )
    counts = experiment_counts(community, start=scope.start, end=scope.end)
    experiments, _entries = shared_for_report(
        community, tier=Tier.GROUP, start=scope.start, end=scope.end
    )
    blocks: list = [
        Facts(
            [
                (_("Experiments planned"), str(counts["planned"]), ""),
                (_("Experiments reported on"), str(counts["reported"]), ""),
            ]
        )
    ]
    reported = [_experiment_line(x) for x in experiments if x.reported_at]
    if reported:
        blocks.append(Bullets(reported))
    return ReportSection("learning", _("Experiments and learning"), blocks)

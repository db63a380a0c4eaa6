"""Step 3's part of the reports (gilde.communities.report_sections): what the organisations
committed to the CoP. An organisation's report shows its own commitment; the funder's, all."""

from django.utils.translation import gettext as _

from gilde.communities.report_sections import (
    FUNDER,
    ORGANISATION,
    Paragraph,
    ReportScope,
    ReportSection,
    Table,
    report_section,
)

from .models import OrganisationCommitment


@report_section(key="impact.commitments", order=40, audiences=(ORGANISATION, FUNDER))
def commitments_section(scope: ReportScope) -> ReportSection:
    title = _("Commitments")
    commitments = OrganisationCommitment.objects.filter(community=scope.community).select_related(
        "organisation"
    )
    if scope.audience == ORGANISATION:
        own = commitments.filter(organisation_id=scope.organisation_id or 0).first()
        if own is None:
            return ReportSection(
                "impact.commitments",
                _("Your commitment"),
                empty=_("No commitment of your organisation is recorded yet."),
            )
        return ReportSection(
            "impact.commitments", _("Your commitment"), [Paragraph(own.commitment)]
        )
    rows = [[c.organisation.name, c.commitment] for c in commitments.order_by("organisation__name")]
    if not rows:
        return ReportSection(
            "impact.commitments", title, empty=_("No organisation's commitment is recorded yet.")
        )
    return ReportSection(
        "impact.commitments", title, [Table([_("Organisation"), _("Commitment")], rows)]
    )

"""Step 3 for staff: organisations' commitments. A participant's own agreement (sponsor, fee)
stays between them and the facilitators."""

from django.contrib import admin

from .models import OrganisationCommitment


@admin.register(OrganisationCommitment)
class OrganisationCommitmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "community", "updated_at"]
    list_filter = ["community"]
    raw_id_fields = ["community", "organisation"]

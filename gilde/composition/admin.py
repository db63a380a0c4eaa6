"""Step 2 for staff. Candidates without the facilitators' notes; intakes not at all beyond whether
they are done (an intake is for the member and the facilitators only)."""

from django.contrib import admin

from .models import Candidate, CompositionSettings, Intake


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "status", "organisation", "updated_at"]
    list_filter = ["status", "community"]
    search_fields = ["name", "email"]
    exclude = ["notes"]
    raw_id_fields = ["community", "suggested_by", "user"]


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ["membership", "done_at"]
    fields = ["membership", "done_at"]
    readonly_fields = ["membership", "done_at"]

    def has_add_permission(self, request):
        return False


@admin.register(CompositionSettings)
class CompositionSettingsAdmin(admin.ModelAdmin):
    list_display = ["community", "one_organisation_per_industry"]

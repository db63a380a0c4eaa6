"""Staff see that learning records, entries and experiments exist, never what they say: the
admin lists them by CoP, kind, tier and date only, and offers no form that shows a body."""

from django.contrib import admin

from .models import BuddyPeriod, Canvas, Entry, Experiment, LearningRecord


class _MetadataOnly(admin.ModelAdmin):
    """Read-only lists of metadata; no change page, so no body reaches staff."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return obj is None and super().has_view_permission(request, obj)


@admin.register(LearningRecord)
class LearningRecordAdmin(_MetadataOnly):
    list_display = ["id", "community", "goals_tier", "revision", "updated_at"]
    list_filter = ["goals_tier"]


@admin.register(Entry)
class EntryAdmin(_MetadataOnly):
    list_display = ["id", "community", "kind", "tier", "created_at"]
    list_filter = ["kind", "tier"]
    date_hierarchy = "created_at"


@admin.register(Experiment)
class ExperimentAdmin(_MetadataOnly):
    list_display = ["id", "community", "status", "tier", "due_on"]
    list_filter = ["status", "tier"]


@admin.register(BuddyPeriod)
class BuddyPeriodAdmin(admin.ModelAdmin):
    list_display = ["community", "starts_on", "ends_on", "confirmed_at"]
    readonly_fields = ["community", "starts_on", "ends_on", "confirmed_at", "created_at"]


@admin.register(Canvas)
class CanvasAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "horizon", "revision", "updated_at"]
    list_filter = ["community"]
    readonly_fields = ["revision", "updated_at", "created_at"]

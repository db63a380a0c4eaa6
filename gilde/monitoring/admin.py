"""Step 6 for staff: settings, kinds of tie, system-analysis moments and monitoring cycles, so an
installation can be looked after. Not here: ties and network answers (the named map is personal
data for the facilitators), TIS answers and rationales, expert tokens, and value stories' words
(a private story is its author's alone): stories show only their sharing tier and date."""

from django.contrib import admin

from .models import MonitoringCycle, MonitoringSettings, TieKind, TisMoment, ValueStory


@admin.register(MonitoringSettings)
class MonitoringSettingsAdmin(admin.ModelAdmin):
    list_display = ["community", "network_shared_with_group", "cycle_meetings"]
    raw_id_fields = ["community"]


@admin.register(TieKind)
class TieKindAdmin(admin.ModelAdmin):
    list_display = ["__str__", "community", "key", "position"]
    list_filter = ["community"]
    raw_id_fields = ["community"]


@admin.register(TisMoment)
class TisMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "kind", "held_on", "closes_at"]
    list_filter = ["kind", "community"]
    fields = ["community", "title", "kind", "held_on", "closes_at"]
    raw_id_fields = ["community"]


@admin.register(MonitoringCycle)
class MonitoringCycleAdmin(admin.ModelAdmin):
    list_display = ["community", "number", "starts_on", "ends_on", "status"]
    list_filter = ["status", "community"]
    fields = ["community", "number", "starts_on", "ends_on", "status", "closed_at"]
    readonly_fields = ["closed_at"]
    raw_id_fields = ["community"]


@admin.register(ValueStory)
class ValueStoryAdmin(admin.ModelAdmin):
    list_display = ["pk", "community", "tier", "told_on"]
    list_filter = ["tier", "community"]
    fields = ["community", "tier", "told_on"]
    readonly_fields = ["community", "tier", "told_on"]

    def has_add_permission(self, request):
        return False

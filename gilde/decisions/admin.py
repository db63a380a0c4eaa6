"""Staff administer polls, the log and roles without seeing what anyone voted or wrote: ballots,
feedback answers and agreements' texts are not in the admin."""

from django.contrib import admin

from .models import Decision, DecisionSettings, MeetingRole, Poll


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "kind", "closes_at", "closed_at", "anonymous"]
    list_filter = ["kind", "anonymous"]
    search_fields = ["title", "community__name"]
    fields = ["community", "kind", "title", "closes_at", "closed_at", "anonymous", "hide_results"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["statement", "community", "taken_by", "kind", "decided_on"]
    list_filter = ["taken_by", "kind"]
    search_fields = ["statement", "community__name"]
    raw_id_fields = ["community", "poll", "revises", "recorded_by"]


@admin.register(MeetingRole)
class MeetingRoleAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "active", "position"]
    raw_id_fields = ["community"]


@admin.register(DecisionSettings)
class DecisionSettingsAdmin(admin.ModelAdmin):
    list_display = ["community", "observers_read"]
    raw_id_fields = ["community"]

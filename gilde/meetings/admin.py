"""Meetings for staff: the calendar and agendas. Evaluations are not here at all: answers are
anonymous, and a list of them with dates beside the attendance would help nobody but a snoop.
Facilitators' notes are left out; calendar tokens show only that they exist."""

from django.contrib import admin

from .models import AgendaItem, Meeting, MeetingSettings


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "duration_minutes", "work_form_key", "led_by"]
    raw_id_fields = ["led_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "starts_at", "status"]
    list_filter = ["status", "community"]
    search_fields = ["title"]
    exclude = ["facilitator_notes"]
    readonly_fields = ["uid", "sequence", "evaluation_opened_at", "evaluation_closed_at"]
    inlines = [AgendaItemInline]
    date_hierarchy = "starts_at"


@admin.register(MeetingSettings)
class MeetingSettingsAdmin(admin.ModelAdmin):
    list_display = ["community", "facilitation_mode", "school_region", "named_evaluations"]
    raw_id_fields = ["community"]
    filter_horizontal = ["core_group"]

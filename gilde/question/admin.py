"""Step 1 for staff: the question and its environment, which every member of the CoP reads."""

from django.contrib import admin

from .models import IntendedYield, QuestionSheet, QuestionVersion, Stakeholder, UrgencySignal


@admin.register(QuestionSheet)
class QuestionSheetAdmin(admin.ModelAdmin):
    list_display = ["community", "core_question", "revision", "updated_at"]
    search_fields = ["core_question", "community__name"]
    # Saving here would go round the version history and its conflict check.
    readonly_fields = [field.name for field in QuestionSheet._meta.fields]


@admin.register(QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
    list_display = ["community", "number", "author", "created_at"]
    list_filter = ["community"]
    readonly_fields = [field.name for field in QuestionVersion._meta.fields]


@admin.register(UrgencySignal, IntendedYield, Stakeholder)
class StepOneItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "community"]
    list_filter = ["community"]
    raw_id_fields = ["community"]

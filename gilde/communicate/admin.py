from django.contrib import admin

from .models import PlanItem, Result


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "level", "visibility", "achieved_on"]
    list_filter = ["level", "visibility"]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["community", "audience", "moment", "status"]

"""Staff see each CoP's own work forms (shared within that CoP, not private)."""

from django.contrib import admin

from .models import CustomWorkForm


@admin.register(CustomWorkForm)
class CustomWorkFormAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "created_by"]
    list_filter = ["community"]
    search_fields = ["name"]
    raw_id_fields = ["community", "created_by"]

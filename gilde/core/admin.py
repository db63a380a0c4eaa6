from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "community", "actor", "action"]
    list_filter = ["action"]
    readonly_fields = ["community", "actor", "action", "data", "created_at"]

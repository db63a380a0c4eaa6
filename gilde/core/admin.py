from django.contrib import admin

from .models import AuditEntry, InstallationLogEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "community", "actor", "action"]
    list_filter = ["action"]
    readonly_fields = ["community", "actor", "action", "data", "created_at"]


@admin.register(InstallationLogEntry)
class InstallationLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action"]
    list_filter = ["action"]
    readonly_fields = ["created_at", "action", "data"]

    def has_add_permission(self, request):
        return False

"""Notifications for staff: who was told what kind of thing and whether they read it. The values
of the sentence (titles, names) are left out."""

from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "community", "created_at", "read"]
    list_filter = ["kind"]
    search_fields = ["user__email"]
    fields = ["user", "community", "kind", "created_at", "read"]
    readonly_fields = ["user", "community", "kind", "created_at", "read"]

    def has_add_permission(self, request) -> bool:
        return False

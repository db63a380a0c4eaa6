from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Industry, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Staff curate the shared list here: a shared organisation is suggested to everybody."""

    list_display = ["name", "shared"]
    list_editable = ["shared"]
    list_filter = ["shared"]
    search_fields = ["name"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "organisation", "email_confirmed_at", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    list_filter = ["is_active", "is_staff", ("email_confirmed_at", admin.EmptyFieldListFilter)]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "name",
                    "organisation",
                    "function",
                    "discipline",
                    "industry",
                    "knowledge_type",
                    "language",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["email_confirmed_at", "is_active", "is_staff", "is_superuser"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]

    def save_model(self, request, obj, form, change):
        # Staff who add an account vouch for its address.
        if not change and obj.email_confirmed_at is None:
            obj.email_confirmed_at = timezone.now()
        super().save_model(request, obj, form, change)

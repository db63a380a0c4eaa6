"""The guide's part of a person's data (gilde.core.personal_data): work forms they added to a
CoP's library. They stay with the CoP when the person deletes their account."""

from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import CustomWorkForm


def _export(user) -> list[dict]:
    return [
        {"cop": form.community.name, "name": form.name, "created_at": form.created_at.isoformat()}
        for form in CustomWorkForm.objects.filter(created_by=user)
        .select_related("community")
        .order_by("created_at", "pk")
    ]


def _erase(user) -> None:
    """Nothing to remove: a work form belongs to the CoP's library."""


register_personal_data(
    app="guide",
    title=_("Work forms you added"),
    models=["guide.CustomWorkForm"],
    export=_export,
    erase=_erase,
)

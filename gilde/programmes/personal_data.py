"""Programmes' part of a person's data (gilde.core.personal_data): which programmes they manage.
Deleting the account removes them as a manager; the last manager of a programme hands over first.
"""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gilde.core.personal_data import register_personal_data

from .models import ProgrammeManager


def _export(user) -> dict:
    return {
        "programmes_managed": [
            {"programme": row.programme.name, "since": row.added_at.isoformat()}
            for row in ProgrammeManager.objects.filter(user=user)
            .select_related("programme")
            .order_by("added_at", "pk")
        ]
    }


def _erase(user) -> None:
    ProgrammeManager.objects.filter(user=user).delete()


def _blockers(user) -> list[str]:
    alone = (
        ProgrammeManager.objects.filter(user=user)
        .annotate(others=Count("programme__managers"))
        .filter(others__lte=1)
        .select_related("programme")
    )
    return [
        _("You are the last manager of the programme %(name)s: add another manager first.")
        % {"name": row.programme.name}
        for row in alone
    ]


register_personal_data(
    app="programmes",
    title=gettext_lazy("Programmes"),
    models=["programmes.ProgrammeManager"],
    export=_export,
    erase=_erase,
    blockers=_blockers,
)

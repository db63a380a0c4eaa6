"""Notifications' part of a person's data (gilde.core.personal_data): what Gilde told them, in
their language, and whether they read it. All of it goes when they delete their account: it was
for them only."""

from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .kinds import describe
from .models import Notification


def _export(user) -> list[dict]:
    return [
        {
            "message": describe(n.kind, n.params),
            "link": n.url,
            "created_at": n.created_at.isoformat(),
            "read": n.read,
        }
        for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _erase(user) -> None:
    Notification.objects.filter(user=user).delete()


register_personal_data(
    app="notifications",
    title=_("Notifications"),
    models=["notifications.Notification"],
    export=_export,
    erase=_erase,
)

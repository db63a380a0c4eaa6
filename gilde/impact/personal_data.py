"""Step 3's part of a person's data (gilde.core.personal_data): their agreements with their
sponsor, one per CoP. Personal: removed when they delete their account."""

from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import ImpactAgreement


def _export(user) -> list[dict]:
    return [
        {
            "cop": a.membership.community.name,
            "sponsor": a.sponsor_name,
            "sponsor_role": a.sponsor_role,
            "sponsor_email": a.sponsor_email,
            "sponsor_informed": a.sponsor_informed,
            "informed_on": a.informed_on.isoformat() if a.informed_on else None,
            "hours_per_meeting": float(a.hours_per_meeting),
            "fee": float(a.fee) if a.fee is not None else None,
            "contribution_agreed": a.contribution_agreed,
            "planned_actions": a.planned_actions,
        }
        for a in ImpactAgreement.objects.filter(membership__user=user)
        .select_related("membership__community")
        .order_by("pk")
    ]


def _erase(user) -> None:
    ImpactAgreement.objects.filter(membership__user=user).delete()


register_personal_data(
    app="impact",
    title=_("Step 3: lasting impact"),
    models=["impact.ImpactAgreement"],
    export=_export,
    erase=_erase,
)

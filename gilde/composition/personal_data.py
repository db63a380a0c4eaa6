"""Step 2's part of a person's data (gilde.core.personal_data): their profile in each CoP, their
intake, and the candidate records that were kept about them. Personal: removed when they delete
their account. Imports they were making go too."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import TRAITS, Candidate, ImportStaging, Intake, MemberProfile


def _export(user) -> dict:
    return {
        "profiles": [
            {
                "cop": p.membership.community.name,
                "organisation": p.organisation.name if p.organisation else "",
                "industry": p.industry,
                "function": p.function,
                "discipline": p.discipline,
                "knowledge_type": p.knowledge_type,
                "pioneer": p.pioneer,
            }
            for p in MemberProfile.objects.filter(membership__user=user)
            .select_related("membership__community", "organisation")
            .order_by("pk")
        ],
        "intakes": [
            {
                "cop": i.membership.community.name,
                "practice_case": i.practice_case,
                "learning_questions": i.learning_questions,
                "motivation": i.motivation,
                "availability": i.availability,
                **{f"trait_{trait}": getattr(i, f"trait_{trait}") for trait in TRAITS},
                **{f"trait_{trait}_note": getattr(i, f"trait_{trait}_note") for trait in TRAITS},
                "done_at": i.done_at.isoformat() if i.done_at else None,
            }
            for i in Intake.objects.filter(membership__user=user)
            .select_related("membership__community")
            .order_by("pk")
        ],
    }


def _candidates(user):
    return Candidate.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def _erase(user) -> None:
    MemberProfile.objects.filter(membership__user=user).delete()
    Intake.objects.filter(membership__user=user).delete()
    _candidates(user).delete()
    ImportStaging.objects.filter(owner=user).delete()


register_personal_data(
    app="composition",
    title=_("Step 2: the group"),
    models=[
        "composition.MemberProfile",
        "composition.Intake",
        "composition.Candidate",
        "composition.ImportStaging",
    ],
    export=_export,
    erase=_erase,
)

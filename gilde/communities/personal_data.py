"""Communities' part of a person's data (gilde.core.personal_data): memberships, applications,
invitations to their address. Their memberships stay, held by the former member, so what the
group relies on keeps its place; the last initiator of a CoP hands over first."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gilde.core.personal_data import register_personal_data

from .models import (
    Application,
    ImportStaging,
    Invitation,
    Membership,
    PrivateExportConsent,
    Role,
)


def _iso(value):
    return value.isoformat() if value is not None else None


def _export(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("community")
    return {
        "memberships": [
            {
                "cop": m.community.name,
                "slug": m.community.slug,
                "role": m.role,
                "focus": m.focus,
                "joined_at": _iso(m.joined_at),
            }
            for m in memberships.order_by("joined_at", "pk")
        ],
        "applications": [
            {
                "cop": a.community.name,
                "motivation": a.motivation,
                "status": a.status,
                "created_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
                "decision_note": a.decision_note,
            }
            for a in Application.objects.filter(user=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "invitations_received": [
            {
                "cop": i.community.name,
                "role": i.role,
                "message": i.message,
                "created_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "private_items_may_move_with_the_cop": [
            c.membership.community.name
            for c in PrivateExportConsent.objects.filter(membership__user=user).select_related(
                "membership__community"
            )
        ],
        "candidate_lists_being_imported": ImportStaging.objects.filter(owner=user).count(),
        "step_marks": [
            {"cop": mark.community.name, "step": mark.step, "done": mark.done, "note": mark.note}
            for mark in user_step_marks(user)
        ],
    }


def user_step_marks(user):
    from .models import StepMark

    return StepMark.objects.filter(marked_by=user).select_related("community").order_by("pk")


def _erase(user) -> None:
    PrivateExportConsent.objects.filter(membership__user=user).delete()
    Application.objects.filter(user=user).delete()
    ImportStaging.objects.filter(owner=user).delete()  # uploads checked, not yet imported
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).delete()


def _blockers(user) -> list[str]:
    """The CoPs of which the person is the only initiator."""
    sole = (
        Membership.objects.filter(user=user, role=Role.INITIATOR)
        .annotate(
            initiators=Count(
                "community__memberships", filter=Q(community__memberships__role=Role.INITIATOR)
            )
        )
        .filter(initiators__lte=1)
        .select_related("community")
    )
    return [
        _(
            "You are the only initiator of %(cop)s. Make another member initiator there "
            "first; then you can delete your account."
        )
        % {"cop": membership.community.name}
        for membership in sole
    ]


register_personal_data(
    app="communities",
    title=gettext_lazy("Your CoPs"),
    models=[
        "communities.Membership",
        "communities.Application",
        "communities.Invitation",
        "communities.StepMark",
        "communities.PrivateExportConsent",
        "communities.ImportStaging",
    ],
    export=_export,
    erase=_erase,
    blockers=_blockers,
)

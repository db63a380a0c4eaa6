"""The one gate for peer feedback: a request is for its asker and the people asked; an answer for
the asker and its writer. Nobody else reads either, facilitators included, and no count of
answers leaves here except a member's own."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from gilde.communities.models import Role

from ..models import FeedbackInvite, FeedbackRequest


@dataclass(frozen=True)
class FeedbackView:
    request: FeedbackRequest
    invites: list  # the asker sees every invite; a writer only their own
    is_asker: bool
    own_invite: FeedbackInvite | None


def feedback_view(access, pk: int) -> FeedbackView | None:
    """The request as this viewer may see it, or None (a 404) for anyone else."""
    membership = access.membership
    if membership is None:
        return None
    request = (
        access.community.feedback_requests.select_related("asker__user")
        .filter(pk=pk)
        .filter(Q(asker=membership) | Q(invites__writer=membership))
        .prefetch_related(
            Prefetch("invites", queryset=FeedbackInvite.objects.select_related("writer__user"))
        )
        .distinct()
        .first()
    )
    if request is None:
        return None
    invites = list(request.invites.all())
    is_asker = request.asker_id == membership.pk
    own = next((invite for invite in invites if invite.writer_id == membership.pk), None)
    return FeedbackView(
        request=request,
        invites=invites if is_asker else [own] if own else [],
        is_asker=is_asker,
        own_invite=own,
    )


def feedback_asked_by(membership) -> list[FeedbackRequest]:
    """A member's own requests, newest first, with whom they asked (two queries)."""
    return list(
        FeedbackRequest.objects.filter(asker=membership).prefetch_related(
            Prefetch("invites", queryset=FeedbackInvite.objects.select_related("writer__user"))
        )
    )


def feedback_invites_to(membership) -> list[FeedbackInvite]:
    """The requests a member was asked to answer, newest first."""
    return list(
        FeedbackInvite.objects.filter(writer=membership)
        .select_related("request__asker__user")
        .order_by("-request__created_at", "-pk")
    )


def feedback_requests_for(membership) -> list[FeedbackInvite]:
    """What this member still has to answer (open requests, no answer yet): for the CoP home's
    "now" panel."""
    return [
        invite
        for invite in feedback_invites_to(membership)
        if invite.request.is_open and invite.answered_at is None
    ]


def feedback_use(community) -> dict:
    """How many participants asked for feedback or gave it, of how many (two queries). Counts of
    people, never of answers or their content."""
    participants = set(
        community.memberships.filter(role=Role.PARTICIPANT).values_list("pk", flat=True)
    )
    users = set(community.feedback_requests.values_list("asker_id", flat=True)) | set(
        FeedbackInvite.objects.filter(
            request__community=community, answered_at__isnull=False
        ).values_list("writer_id", flat=True)
    )
    return {"using": len(participants & users), "participants": len(participants)}


def feedback_writer_choices(access):
    """Whom a member may ask: the other members who take part (not observers)."""
    return (
        access.community.memberships.exclude(role=Role.OBSERVER)
        .exclude(pk=getattr(access.membership, "pk", None))
        .select_related("user")
        .order_by("user__name", "pk")
    )

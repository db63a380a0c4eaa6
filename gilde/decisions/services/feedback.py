"""Writes for peer feedback. No audit entries: the audit log is read by facilitators, and who asks
whom for feedback is for the asker and those asked."""

from django.db import transaction
from django.utils import timezone

from gilde.communities.models import Community, Membership, Role

from .. import mailing
from ..models import MAX_WRITERS, FeedbackInvite, FeedbackRequest
from .errors import DecisionError


@transaction.atomic
def feedback_ask(
    *,
    community: Community,
    asker: Membership,
    subject: str,
    about: str,
    question: str,
    writers: list[Membership],
) -> FeedbackRequest:
    """Ask one to three other members (not observers) for feedback; they get an e-mail."""
    unique = {writer.pk: writer for writer in writers}
    if not 1 <= len(unique) <= MAX_WRITERS or any(
        writer.pk == asker.pk or writer.community_id != community.pk or writer.role == Role.OBSERVER
        for writer in unique.values()
    ):
        raise DecisionError("feedback_writers")
    request = FeedbackRequest.objects.create(
        community=community, asker=asker, subject=subject, about=about, question=question
    )
    FeedbackInvite.objects.bulk_create(
        FeedbackInvite(request=request, writer=writer) for writer in unique.values()
    )
    mailing.mail_feedback_request(request, list(unique.values()))
    return request


@transaction.atomic
def feedback_answer(*, invite: FeedbackInvite, text: str) -> FeedbackInvite:
    """Save (or improve) the writer's feedback while the request is open; the asker hears that
    someone wrote, the first time."""
    request = FeedbackRequest.objects.select_for_update().get(pk=invite.request_id)
    if not request.is_open:
        raise DecisionError("feedback_closed")
    first = invite.answered_at is None
    invite.answer = text
    invite.answered_at = invite.answered_at or timezone.now()
    invite.save(update_fields=["answer", "answered_at"])
    if first:
        mailing.mail_feedback_answered(invite)
    return invite


@transaction.atomic
def feedback_close(*, request: FeedbackRequest, thanks: str = "") -> FeedbackRequest:
    """The asker thanks the writers and closes the request; those who answered get the thanks."""
    locked = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_open:
        raise DecisionError("feedback_closed")
    locked.closed_at = timezone.now()
    locked.thanks = thanks
    locked.save(update_fields=["closed_at", "thanks"])
    writers = [
        invite.writer
        for invite in locked.invites.select_related("writer__user").filter(
            answered_at__isnull=False
        )
    ]
    mailing.mail_feedback_thanks(locked, writers)
    request.closed_at, request.thanks = locked.closed_at, locked.thanks
    return locked

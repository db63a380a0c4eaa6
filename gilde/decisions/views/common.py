"""What the views of step 5 share: who may read this part of the CoP, and finding its objects."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from gilde.communities.models import Role

from ..selectors.polls import decision_settings_of, poll_for


def require_reader(access) -> None:
    """Every member reads polls, the log, agreements and roles; observers only when the CoP
    allows it (their settings cost a query only for them)."""
    observers_read = (
        decision_settings_of(access.community).observers_read
        if access.role == Role.OBSERVER
        else False
    )
    if not access.can_read_decisions(observers_read):
        raise PermissionDenied


def poll_or_404(access, pk: int):
    poll = poll_for(access, pk)
    if poll is None:
        raise Http404
    return poll


def poll_url(poll) -> str:
    return reverse("decisions:poll", kwargs={"slug": poll.community.slug, "pk": poll.pk})

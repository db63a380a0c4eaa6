"""Step 5 on the CoP's home: how many polls wait for this member's vote and how many requests for
their feedback, in one query (the home's budget is small). The home's "now" panel (issue 12) can
list them with the selectors `open_polls_for` and `feedback_requests_for`."""

from django.db.models import OuterRef
from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.home import HomeSection, home_section

from .facts import subquery_count
from .models import FeedbackInvite, Poll
from .selectors.polls import VOTER_ROLES


@home_section(order=50)
def decisions_home(request, access) -> HomeSection | None:
    membership = access.membership
    if membership is None or not access.can(Action.START_POLLS):
        return None
    kinds = [key for key, roles in VOTER_ROLES.items() if membership.role in roles]
    polls = Poll.objects.filter(
        community_id=OuterRef("community_id"),
        closed_at__isnull=True,
        closes_at__gt=timezone.now(),
        voters__in=kinds,
    ).exclude(participations__membership_id=OuterRef("pk"))
    feedback = FeedbackInvite.objects.filter(
        writer_id=OuterRef("pk"), answered_at__isnull=True, request__closed_at__isnull=True
    )
    counts = (
        type(membership)
        .objects.filter(pk=membership.pk)
        .annotate(polls=subquery_count(polls), feedback=subquery_count(feedback))
        .values("polls", "feedback")
        .get()
    )
    if not counts["polls"] and not counts["feedback"]:
        return None
    return HomeSection("decisions/_home.html", counts)

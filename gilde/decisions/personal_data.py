"""Step 5's part of a person's data (gilde.core.personal_data).

Handed over: the polls they put forward, their named votes with their reasons, the polls they
took part in (an anonymous vote was never linked to them, so it cannot be found, by them either),
the decisions they recorded, their roles at meetings, and the peer feedback they asked for or
wrote. When they delete their account: their feedback requests (with the answers, which were for
them only) and the invitations they did not answer go, and roles at meetings still to come are
freed; what the group's history relies on (polls, named votes, decisions, past roles, feedback
they gave someone else) stays under "former member".
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.calendar import meetings_of
from gilde.core.personal_data import register_personal_data

from .models import (
    Ballot,
    Decision,
    FeedbackInvite,
    FeedbackRequest,
    Participation,
    Poll,
    RoleAssignment,
)


def _iso(value):
    return value.isoformat() if value is not None else None


def _export(user) -> dict:
    return {
        "polls_proposed": [
            {"cop": p.community.name, "title": p.title, "created_at": _iso(p.created_at)}
            for p in Poll.objects.filter(author__user=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "polls_taken_part_in": [
            {"cop": p.poll.community.name, "poll": p.poll.title}
            for p in Participation.objects.filter(membership__user=user)
            .select_related("poll__community")
            .order_by("poll__created_at", "poll_id")
        ],
        "named_votes": [
            {
                "poll": b.poll.title,
                "cast_on": _iso(b.created_on),
                "response": b.response,
                "reason": b.reason,
                "other": b.other_text,
                "value": b.value,
                "options": {e.option.label: e.value for e in b.entries.all()},
            }
            for b in Ballot.objects.filter(membership__user=user)
            .select_related("poll")
            .prefetch_related("entries__option")
            .order_by("created_on", "poll_id")
        ],
        "decisions_recorded": [
            {"cop": d.community.name, "decision": str(d), "decided_on": _iso(d.decided_on)}
            for d in Decision.objects.filter(recorded_by__user=user)
            .select_related("community")
            .order_by("decided_on", "pk")
        ],
        "roles_at_meetings": [
            {"cop": r.community.name, "role": str(r.role), "meeting_id": r.meeting_id}
            for r in RoleAssignment.objects.filter(membership__user=user)
            .select_related("community", "role")
            .order_by("meeting_id", "pk")
        ],
        "feedback_asked": [
            {
                "cop": r.community.name,
                "about": r.about,
                "question": r.question,
                "answers": [i.answer for i in r.invites.all() if i.answered_at],
            }
            for r in FeedbackRequest.objects.filter(asker__user=user)
            .select_related("community")
            .prefetch_related("invites")
            .order_by("created_at", "pk")
        ],
        "feedback_given": [
            {"about": i.request.about, "answer": i.answer, "answered_at": _iso(i.answered_at)}
            for i in FeedbackInvite.objects.filter(writer__user=user, answered_at__isnull=False)
            .select_related("request")
            .order_by("answered_at", "pk")
        ],
    }


def _erase(user) -> None:
    FeedbackRequest.objects.filter(asker__user=user).delete()
    FeedbackInvite.objects.filter(writer__user=user, answered_at__isnull=True).delete()
    now = timezone.now()
    assignments = RoleAssignment.objects.filter(membership__user=user).select_related("community")
    for community in {a.community for a in assignments}:
        upcoming = [m.id for m in meetings_of(community, since=now) if m.starts_at > now]
        assignments.filter(community=community, meeting_id__in=upcoming).delete()


register_personal_data(
    app="decisions",
    title=_("Step 5: decisions"),
    models=[
        "decisions.Poll",
        "decisions.PollOption",
        "decisions.Ballot",
        "decisions.BallotEntry",
        "decisions.Participation",
        "decisions.Decision",
        "decisions.AgreementVersion",
        "decisions.RoleAssignment",
        "decisions.FeedbackRequest",
        "decisions.FeedbackInvite",
    ],
    export=_export,
    erase=_erase,
)

"""Step 6's part of a person's data (gilde.core.personal_data).

Handed over: their ties in the social map (with outside actors by name; with other members
without naming them, since that is the other member's data), whether they answered the network
question, their answers to the system analysis with their reasons, the value-creation stories
they told, and the follow-up actions they took on. When they delete their account: their
private stories and the notes on their ties go, their system-analysis answers lose their name
(the CoP's averages stay right), open actions they held become unassigned; the ties themselves,
shared stories (without an author) and closed cycles stay, because the group's network history
and its monitoring rely on them.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import FollowUpAction, NetworkAnswer, SharingTier, Tie, TisAnswer, ValueStory


def _iso(value):
    return value.isoformat() if value is not None else None


def _ties(user):
    return (
        Tie.objects.filter(Q(member__user=user) | Q(other_member__user=user))
        .select_related("community", "kind", "actor")
        .order_by("started_on", "pk")
    )


def _export(user) -> dict:
    return {
        "ties": [
            {
                "cop": t.community.name,
                "kind": t.kind.label,
                "with": t.actor.name if t.actor else str(_("another member")),
                "from": _iso(t.started_on),
                "until": _iso(t.ended_on),
                "note": t.note,
            }
            for t in _ties(user)
        ],
        "network_question_answered": NetworkAnswer.objects.filter(membership__user=user).count(),
        "system_analysis_answers": [
            {
                "cop": a.moment.community.name,
                "moment": a.moment.title,
                "submitted_at": _iso(a.submitted_at),
                "scores": [
                    {"function": s.function, "score": s.score, "why": s.rationale}
                    for s in a.scores.all()
                ],
                "barriers": [b.description for b in a.barriers.all()],
            }
            for a in TisAnswer.objects.filter(membership__user=user)
            .select_related("moment__community")
            .prefetch_related("scores", "barriers")
            .order_by("submitted_at", "pk")
        ],
        "value_stories": [
            {
                "cop": s.community.name,
                "title": s.title,
                "told_on": _iso(s.told_on),
                "shared_with": s.tier,
                "parts": {p.cycle: p.text for p in s.parts.all()},
            }
            for s in ValueStory.objects.filter(author__user=user)
            .select_related("community")
            .prefetch_related("parts")
            .order_by("told_on", "pk")
        ],
        "follow_up_actions": [
            {"action": a.text, "due_on": _iso(a.due_on), "done": a.done_at is not None}
            for a in FollowUpAction.objects.filter(owner__user=user).order_by("created_at", "pk")
        ],
    }


def _erase(user) -> None:
    ValueStory.objects.filter(author__user=user, tier=SharingTier.PRIVATE).delete()
    ValueStory.objects.filter(author__user=user).update(author=None)
    _ties(user).exclude(note="").update(note="")
    TisAnswer.objects.filter(membership__user=user).update(membership=None)
    FollowUpAction.objects.filter(owner__user=user, done_at__isnull=True).update(owner=None)


register_personal_data(
    app="monitoring",
    title=_("Step 6: monitoring"),
    models=[
        "monitoring.Tie",
        "monitoring.NetworkAnswer",
        "monitoring.TisAnswer",
        "monitoring.TisScore",
        "monitoring.TisBarrier",
        "monitoring.ValueStory",
        "monitoring.ValueStoryPart",
        "monitoring.FollowUpAction",
        "monitoring.MonitoringCycle",
        "monitoring.TisMoment",
        "monitoring.TisInvitation",
    ],
    export=_export,
    erase=_erase,
)

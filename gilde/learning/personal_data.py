"""Step 7's part of a person's data (gilde.core.personal_data).

Handed over: everything in their own learning record — goals and questions with their versions,
every entry at every tier, attachments by name, experiments and their reports — the buddy rounds
they were in, and the versions of a backcasting canvas they saved. When they delete their
account: the record, its versions and every entry and experiment they did not share with the
whole group go (attachments with them); what they shared with the group or the public results
page stays under "former member", because others built on it; they leave their buddy groups.
"""

from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import (
    BuddyGroup,
    CanvasVersion,
    Entry,
    Experiment,
    GoalsVersion,
    LearningRecord,
    Tier,
    tiers_from,
)
from .services.record import entry_delete


def _iso(value):
    return value.isoformat() if value is not None else None


def _export(user) -> dict:
    return {
        "records": [
            {
                "cop": r.community.name,
                "goals": r.goals,
                "questions": r.questions,
                "shared_with": r.goals_tier,
                "versions": [
                    {
                        "number": v.number,
                        "goals": v.goals,
                        "questions": v.questions,
                        "created_at": _iso(v.created_at),
                    }
                    for v in GoalsVersion.objects.filter(record=r).order_by("number")
                ],
            }
            for r in LearningRecord.objects.filter(membership__user=user)
            .select_related("community")
            .order_by("pk")
        ],
        "entries": [
            {
                "cop": e.community.name,
                "kind": e.kind,
                "text": e.body,
                "shared_with": e.tier,
                "tags": e.tag_list,
                "attachment": e.attachment_name,
                "created_at": _iso(e.created_at),
            }
            for e in Entry.objects.filter(membership__user=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "experiments": [
            {
                "cop": x.community.name,
                "title": x.title,
                "learning_question": x.learning_question,
                "expectation": x.expectation,
                "due_on": _iso(x.due_on),
                "status": x.status,
                "shared_with": x.tier,
                "what_happened": x.report_happened,
                "what_i_learned": x.report_learned,
                "what_next": x.report_next,
            }
            for x in Experiment.objects.filter(membership__user=user)
            .select_related("community")
            .order_by("due_on", "pk")
        ],
        "buddy_rounds": [
            {
                "cop": g.community.name,
                "from": _iso(g.period.starts_on),
                "until": _iso(g.period.ends_on),
            }
            for g in BuddyGroup.objects.filter(members__user=user)
            .select_related("community", "period")
            .order_by("period__starts_on", "pk")
        ],
        "canvas_versions_saved": [
            {"cop": v.community.name, "number": v.number, "created_at": _iso(v.created_at)}
            for v in CanvasVersion.objects.filter(author=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
    }


def _erase(user) -> None:
    shared = tiers_from(Tier.GROUP)
    for entry in Entry.objects.filter(membership__user=user).exclude(tier__in=shared):
        entry_delete(entry=entry)
    Experiment.objects.filter(membership__user=user).exclude(tier__in=shared).delete()
    LearningRecord.objects.filter(membership__user=user).delete()  # and its versions
    for group in BuddyGroup.objects.filter(members__user=user):
        group.members.remove(*group.members.filter(user=user))


register_personal_data(
    app="learning",
    title=_("Step 7: your learning record"),
    models=[
        "learning.LearningRecord",
        "learning.GoalsVersion",
        "learning.Entry",
        "learning.Experiment",
        "learning.BuddyGroup",
        "learning.BuddyGroup_members",
        "learning.CanvasVersion",
    ],
    export=_export,
    erase=_erase,
)

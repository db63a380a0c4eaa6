"""The learning questions members shared with the group, for the pages of other steps that keep
them in view (the step-5 workspace, a meeting's preparation page: communities.shared_questions).
Only what its owner shared with the whole CoP (or wider) crosses; a record's tier decides."""

from gilde.communities.access import Action, CommunityAccess
from gilde.communities.shared_questions import SharedQuestion, register_shared_questions

from .models import LearningRecord, Tier, tiers_from


def shared_learning_questions(access: CommunityAccess) -> list[SharedQuestion]:
    if not access.can(Action.VIEW_LEARNING):
        return []
    records = (
        LearningRecord.objects.filter(
            community=access.community, goals_tier__in=tiers_from(Tier.GROUP)
        )
        .exclude(questions="")
        .select_related("membership__user")
        .order_by("membership__user__name")
    )
    return [
        SharedQuestion(
            membership=record.membership,
            text=record.questions,
            updated_on=record.updated_at.date(),
        )
        for record in records
    ]


register_shared_questions(shared_learning_questions)

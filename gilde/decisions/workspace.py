"""What step 5's page shows beside the guidance: who leads the meetings (the meetings app's
ownership trend, through a step panel), how the group decides, roles, open polls and the latest
decisions, the working agreements and the learning questions members share."""

from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.models import Role
from gilde.communities.shared_questions import shared_questions_for
from gilde.communities.step_panels import step_panels
from gilde.guide.workspaces import register_workspace

from . import selectors
from .facts import ROLE_MEETINGS, decision_facts

OPEN_POLLS_SHOWN = 5


@register_workspace(step=5, template="decisions/_workspace.html")
def decisions_workspace(request, access, facts: dict) -> dict:
    community = access.community
    observers_read = (
        selectors.decision_settings_of(community).observers_read
        if access.role == Role.OBSERVER
        else False
    )
    reader = access.can_read_decisions(observers_read)
    context = {
        "panels": step_panels(5, request, access, facts),
        "reader": reader,
        "learning_part": {
            "questions": shared_questions_for(access),
            "heading_id": "learning-questions",
        },
    }
    if not reader:
        return context
    known = decision_facts(community, facts)
    now = timezone.now()
    open_polls = list(
        community.polls.filter(closed_at__isnull=True, closes_at__gt=now).order_by("closes_at")[
            :OPEN_POLLS_SHOWN
        ]
    )
    return {
        **context,
        "known": known,
        "role_meetings": ROLE_MEETINGS,
        "shares": selectors.decision_shares(community),
        "open_polls": open_polls,
        "latest": selectors.latest_decisions(community),
        "can_start": access.can(Action.START_POLLS),
        "can_record": access.can(Action.MANAGE_DECISIONS),
        "can_ask_feedback": access.can(Action.ASK_FEEDBACK),
        "own_feedback_to_write": (
            selectors.feedback_requests_for(access.membership)
            if access.can(Action.ASK_FEEDBACK)
            else []
        ),
    }

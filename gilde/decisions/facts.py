"""What step 5's readiness signals and workspace share, fetched once per evaluation and kept in
the `facts` dict (see gilde.communities.readiness)."""

from django.db.models import Q

from gilde.communities.models import Role
from gilde.communities.scheduling import HELD, meetings_of

from .models import AgreementVersion, TakenBy, WorkingAgreements
from .selectors.feedback import feedback_use
from .selectors.roles import participants_with_roles

ROLE_MEETINGS = 6  # roles: over the last six held meetings


def decision_facts(community, facts: dict) -> dict:
    if "decisions" not in facts:
        agreements = WorkingAgreements.objects.filter(community=community).first()
        by_group = AgreementVersion.objects.filter(community=community).filter(
            Q(poll__isnull=False)
            | Q(
                author__memberships__community=community,
                author__memberships__role=Role.PARTICIPANT,
            )
        )
        held = meetings_of(community, status=HELD, newest_first=True)
        facts["decisions"] = {
            "agreements": agreements,
            "agreements_written": bool(agreements and agreements.text.strip()),
            "agreements_by_group": by_group.exists(),
            "group_decisions": community.decisions.filter(taken_by=TakenBy.GROUP).count(),
            "held": len(held),
            "roles": participants_with_roles(community, [m.pk for m in held[:ROLE_MEETINGS]]),
            "feedback": feedback_use(community),
        }
    return facts["decisions"]

"""What step 5's readiness signals and workspace share, fetched once per evaluation and kept in
the `facts` dict (see gilde.communities.readiness). One query: the step rail is computed on the
CoP's home, whose query budget is small."""

from django.db.models import Exists, F, Func, OuterRef, Q, Subquery, Value

from gilde.communities.calendar import held_meeting_ids
from gilde.communities.models import Community, Membership, Role

from .models import (
    AgreementVersion,
    Decision,
    FeedbackInvite,
    FeedbackRequest,
    RoleAssignment,
    TakenBy,
    WorkingAgreements,
)

ROLE_MEETINGS = 6  # roles: over the last six held meetings


def subquery_count(queryset) -> Subquery:
    """COUNT(*) of `queryset` as a subquery (no GROUP BY, so one number)."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1])


def decision_facts(community, facts: dict) -> dict:
    if "decisions" not in facts:
        held = held_meeting_ids(community)
        outer_participants = Membership.objects.filter(
            community=OuterRef("pk"), role=Role.PARTICIPANT
        )
        took_role = (
            RoleAssignment.objects.filter(
                membership=OuterRef("pk"), meeting_id__in=held[:ROLE_MEETINGS]
            )
            if held != []
            else RoleAssignment.objects.none()
        )
        asked = FeedbackRequest.objects.filter(asker=OuterRef("pk"))
        answered = FeedbackInvite.objects.filter(writer=OuterRef("pk"), answered_at__isnull=False)
        by_group = AgreementVersion.objects.filter(community=OuterRef("pk")).filter(
            Q(poll__isnull=False)
            | Q(
                author__memberships__community=OuterRef("pk"),
                author__memberships__role=Role.PARTICIPANT,
            )
        )
        agreements = WorkingAgreements.objects.filter(community=OuterRef("pk"))
        row = (
            Community.objects.filter(pk=community.pk)
            .annotate(
                agreements_text=Subquery(agreements.values("text")[:1]),
                agreements_revision=Subquery(agreements.values("revision")[:1]),
                agreements_by_group=Exists(by_group),
                group_decisions=subquery_count(
                    Decision.objects.filter(community=OuterRef("pk"), taken_by=TakenBy.GROUP)
                ),
                held=subquery_count(held) if held != [] else Value(0),
                participants=subquery_count(outer_participants),
                taking=subquery_count(outer_participants.filter(Exists(took_role))),
                feedback_using=subquery_count(
                    outer_participants.filter(Exists(asked) | Exists(answered))
                ),
            )
            .values(
                "agreements_text",
                "agreements_revision",
                "agreements_by_group",
                "group_decisions",
                "held",
                "participants",
                "taking",
                "feedback_using",
            )
            .get()
        )
        facts["decisions"] = {
            "agreements_written": bool((row["agreements_text"] or "").strip()),
            "agreements_revision": row["agreements_revision"] or 0,
            "agreements_by_group": row["agreements_by_group"],
            "group_decisions": row["group_decisions"] or 0,
            "held": row["held"] or 0,
            "roles": {"taking": row["taking"] or 0, "participants": row["participants"] or 0},
            "feedback": {
                "using": row["feedback_using"] or 0,
                "participants": row["participants"] or 0,
            },
        }
    return facts["decisions"]

"""Writes for the decision log: decisions recorded directly, revisions, and the settings."""

from datetime import date

from django.db import IntegrityError, transaction

from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log

from ..models import DIRECT, Decision, DecisionSettings
from .errors import DecisionError


@transaction.atomic
def decision_record(
    *,
    community: Community,
    actor: Membership,
    statement: str,
    rationale: str = "",
    taken_by: str,
    meeting_id: int | None = None,
    decided_on: date,
) -> Decision:
    """A decision taken without a poll (in a meeting, say), with who took it."""
    decision = Decision.objects.create(
        community=community,
        statement=statement,
        rationale=rationale,
        taken_by=taken_by,
        kind=DIRECT,
        meeting_id=meeting_id,
        decided_on=decided_on,
        recorded_by=actor,
    )
    audit_log(
        community=community, actor=actor.user, action="decision.recorded", statement=statement
    )
    return decision


def decision_revise(
    *,
    decision: Decision,
    actor: Membership,
    statement: str,
    rationale: str = "",
    taken_by: str,
    meeting_id: int | None = None,
    decided_on: date,
) -> Decision:
    """A new decision that replaces `decision`; the log keeps both, linked. A decision is revised
    once: a later change revises the revision. Raises DecisionError."""
    try:
        with transaction.atomic():
            if Decision.objects.filter(revises=decision).exists():
                raise DecisionError("already_revised")
            revision = Decision.objects.create(
                community=decision.community,
                statement=statement,
                rationale=rationale,
                taken_by=taken_by,
                kind=DIRECT,
                meeting_id=meeting_id,
                decided_on=decided_on,
                recorded_by=actor,
                revises=decision,
            )
            audit_log(
                community=decision.community,
                actor=actor.user,
                action="decision.revised",
                statement=statement,
            )
    except IntegrityError:
        raise DecisionError("already_revised") from None  # two revisions at once
    return revision


@transaction.atomic
def decision_settings_save(*, community: Community, actor, observers_read: bool) -> None:
    settings, _created = DecisionSettings.objects.get_or_create(community=community)
    if settings.observers_read != observers_read:
        settings.observers_read = observers_read
        settings.save(update_fields=["observers_read"])
        audit_log(community=community, actor=actor, action="decisions.settings_changed")

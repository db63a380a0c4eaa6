"""Writes for monitoring cycles: open one for a period, reflect, agree actions, close it."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log

from .. import selectors
from ..models import CycleStatus, FollowUpAction, MonitoringCycle
from .errors import MonitoringError


def cycle_open(*, community: Community, actor, starts_on: date, ends_on: date) -> MonitoringCycle:
    """Open a cycle over the days given. Refuses an end before the start, a period without a
    meeting, and a second open cycle."""
    if ends_on < starts_on:
        raise MonitoringError("end_before_start", _("The end lies before the start."))
    if not selectors.meetings_in(community, starts_on, ends_on):
        raise MonitoringError(
            "no_meetings",
            _("No meeting falls in this period. Choose a period with at least one meeting."),
        )
    with transaction.atomic():
        if community.monitoring_cycles.select_for_update().filter(status=CycleStatus.OPEN).exists():
            raise MonitoringError(
                "one_open", _("A cycle is open already. Close it before opening the next.")
            )
        number = (community.monitoring_cycles.aggregate(top=Max("number"))["top"] or 0) + 1
        cycle = MonitoringCycle.objects.create(
            community=community,
            number=number,
            starts_on=starts_on,
            ends_on=ends_on,
            opened_by=actor,
        )
        audit_log(community=community, actor=actor, action="cycle.opened", number=number)
    return cycle


def cycle_reflection_save(
    *, cycle: MonitoringCycle, actor, went_well: str, to_change: str
) -> MonitoringCycle:
    if not cycle.is_open:
        raise MonitoringError("closed", _("This cycle is closed; its reflection stays as it is."))
    with transaction.atomic():
        cycle.went_well, cycle.to_change = went_well, to_change
        cycle.save(update_fields=["went_well", "to_change"])
        audit_log(
            community=cycle.community, actor=actor, action="cycle.reflected", number=cycle.number
        )
    return cycle


def cycle_close(*, cycle: MonitoringCycle, actor, now=None) -> MonitoringCycle:
    """Close with the reflection, keeping the evidence as it is now in every language."""
    if not cycle.is_open:
        raise MonitoringError("closed", _("This cycle is closed already."))
    if not (cycle.went_well.strip() or cycle.to_change.strip()):
        raise MonitoringError(
            "no_reflection", _("Write down the group's reflection before closing the cycle.")
        )
    snapshot = selectors.cycle_evidence_snapshot(cycle, [code for code, _n in settings.LANGUAGES])
    with transaction.atomic():
        cycle.evidence = snapshot
        cycle.status = CycleStatus.CLOSED
        cycle.closed_at = now or timezone.now()
        cycle.closed_by = actor
        cycle.save(update_fields=["evidence", "status", "closed_at", "closed_by"])
        audit_log(
            community=cycle.community, actor=actor, action="cycle.closed", number=cycle.number
        )
    return cycle


def follow_up_add(
    *, cycle: MonitoringCycle, actor, text: str, owner: Membership | None, due_on: date | None
) -> FollowUpAction:
    if owner is not None and owner.community_id != cycle.community_id:
        raise MonitoringError("other_cop", _("Choose someone of this CoP."))
    with transaction.atomic():
        action = FollowUpAction.objects.create(cycle=cycle, text=text, owner=owner, due_on=due_on)
        audit_log(
            community=cycle.community, actor=actor, action="follow_up.added", number=cycle.number
        )
    return action


def follow_up_tick(*, action: FollowUpAction, actor, done: bool) -> FollowUpAction:
    with transaction.atomic():
        action.done_at = timezone.now() if done else None
        action.done_by = actor if done else None
        action.save(update_fields=["done_at", "done_by"])
        audit_log(
            community=action.cycle.community,
            actor=actor,
            action="follow_up.done" if done else "follow_up.reopened",
            text=action.text,
        )
    return action


def follow_up_delete(*, action: FollowUpAction, actor) -> None:
    with transaction.atomic():
        cycle = action.cycle
        action.delete()
        audit_log(
            community=cycle.community, actor=actor, action="follow_up.removed", number=cycle.number
        )

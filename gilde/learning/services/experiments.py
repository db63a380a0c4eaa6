"""Experiments between meetings and the experiment round."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.calendar import agenda_item_append, meeting_of, next_meeting
from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log

from ..models import (
    Experiment,
    ExperimentStatus,
    Tier,
)
from ..selectors import group_experiments_for_meeting
from .record import tier_check

EXPERIMENT_ROUND_MINUTES = 30


# Experiments


def default_due(community: Community, today: date | None = None) -> tuple[date, int | None]:
    """By the next meeting (and reporting back there); without one, in the CoP's cadence."""
    today = today or timezone.localdate()
    upcoming = next_meeting(community, timezone.now())
    if upcoming is not None:
        return timezone.localdate(upcoming.starts_at), upcoming.id
    return today + timedelta(weeks=community.cadence_weeks), None


@transaction.atomic
def experiment_add(*, membership: Membership, **fields) -> Experiment:
    fields["tier"] = tier_check(membership.community, fields.get("tier", Tier.PRIVATE))
    return Experiment.objects.create(
        community_id=membership.community_id, membership=membership, **fields
    )


@transaction.atomic
def experiment_update(*, experiment: Experiment, **fields) -> Experiment:
    if "tier" in fields:
        fields["tier"] = tier_check(experiment.community, fields["tier"])
    for name, value in fields.items():
        setattr(experiment, name, value)
    experiment.updated_at = timezone.now()
    experiment.save()
    return experiment


@transaction.atomic
def experiment_check_in(*, experiment: Experiment, note: str) -> Experiment:
    experiment.checkin_note = note
    experiment.checked_in_at = timezone.now()
    if experiment.status == ExperimentStatus.PLANNED:
        experiment.status = ExperimentStatus.UNDER_WAY
    experiment.updated_at = timezone.now()
    experiment.save()
    return experiment


@transaction.atomic
def experiment_report(
    *, experiment: Experiment, happened: str, learned: str, next_steps: str, status: str
) -> Experiment:
    experiment.report_happened = happened
    experiment.report_learned = learned
    experiment.report_next = next_steps
    experiment.reported_at = experiment.reported_at or timezone.now()
    experiment.status = status
    experiment.updated_at = timezone.now()
    experiment.save()
    return experiment


@transaction.atomic
def experiment_round_add(*, community: Community, meeting_id: int, actor) -> int:
    """An "experiment round" item at the end of the meeting's agenda, naming the experiments
    shared with the group that report back there. Returns how many it names (0: no item)."""
    experiments = group_experiments_for_meeting(community, meeting_id)
    if not experiments:
        return 0
    notes = "\n".join(f"- {e.membership.user}: {e.title}" for e in experiments)
    title = str(_("Experiment round"))
    if not agenda_item_append(
        community=community,
        meeting_id=meeting_id,
        title=title,
        duration_minutes=EXPERIMENT_ROUND_MINUTES,
        notes=notes,
        actor=actor,
    ):
        return 0
    audit_log(
        community=community,
        actor=actor,
        action="learning.experiment_round",
        count=len(experiments),
        meeting=getattr(meeting_of(community, meeting_id), "title", ""),
    )
    return len(experiments)

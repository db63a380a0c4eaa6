"""Reads for monitoring cycles: the cycles, the evidence of one, the default next period, and
the follow-up actions a meeting's preparation shows."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from gilde.communities.calendar import meetings_of
from gilde.communities.evidence import EvidenceGroup, EvidenceItem, Period, evidence_for
from gilde.communities.models import Community

from ..models import FollowUpAction, MonitoringCycle


def cycles_of(community: Community):
    return community.monitoring_cycles.annotate(
        open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)),
        action_count=Count("actions"),
    ).order_by("-number")


def cycle_or_none(community: Community, number: int) -> MonitoringCycle | None:
    return community.monitoring_cycles.filter(number=number).first()


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def cycle_period(starts_on: date, ends_on: date) -> Period:
    """The days from `starts_on` up to and including `ends_on`, in Dutch time."""
    return Period(_midnight(starts_on), _midnight(ends_on + timedelta(days=1)))


def meetings_in(community: Community, starts_on: date, ends_on: date) -> list:
    """The CoP's meetings (not cancelled) that start within the days given."""
    period = cycle_period(starts_on, ends_on)
    return [ref for ref in meetings_of(community) if not ref.cancelled and ref.starts_at in period]


def next_cycle_period(community: Community, every: int, today: date | None = None):
    """The default period of a new cycle: from the day after the last cycle (or the CoP's start)
    through its `every`-th meeting (default three); to today when fewer have been planned."""
    today = today or timezone.localdate()
    last = community.monitoring_cycles.order_by("-ends_on").first()
    start = last.ends_on + timedelta(days=1) if last else community.start_date
    coming = [
        timezone.localtime(ref.starts_at).date()
        for ref in meetings_of(community)
        if not ref.cancelled and timezone.localtime(ref.starts_at).date() >= start
    ]
    end = coming[every - 1] if len(coming) >= every else (coming[-1] if coming else today)
    return start, max(end, start)


def _as_json(groups: list[EvidenceGroup]) -> list:
    return [
        {
            "key": group.key,
            "label": group.label,
            "items": [item.__dict__ for item in group.items],
        }
        for group in groups
    ]


def _from_json(groups: list) -> list[EvidenceGroup]:
    return [
        EvidenceGroup(
            group["key"], group["label"], [EvidenceItem(**item) for item in group["items"]]
        )
        for group in groups
    ]


def cycle_evidence_snapshot(cycle: MonitoringCycle, languages) -> dict:
    """The cycle's evidence in every language, to keep when it closes."""
    period = cycle_period(cycle.starts_on, cycle.ends_on)
    snapshot = {}
    for code in languages:
        with translation.override(code):
            snapshot[code] = _as_json(evidence_for(cycle.community, period))
    return snapshot


def cycle_evidence(cycle: MonitoringCycle) -> list[EvidenceGroup]:
    """An open cycle's evidence as it is now; a closed one's as it was when it closed."""
    if not cycle.is_open and cycle.evidence:
        language = translation.get_language() or ""
        stored = cycle.evidence.get(language) or next(iter(cycle.evidence.values()))
        return _from_json(stored)
    return evidence_for(cycle.community, cycle_period(cycle.starts_on, cycle.ends_on))


def follow_up_for_meeting(community: Community, meeting) -> tuple[list, list]:
    """(open actions, actions ticked off since the previous meeting) to show while preparing
    `meeting`: those agreed before it starts."""
    refs = [ref for ref in meetings_of(community) if not ref.cancelled]
    starts_at = next((ref.starts_at for ref in refs if ref.id == meeting.pk), meeting.starts_at)
    earlier = [ref.starts_at for ref in refs if ref.starts_at < starts_at]
    since = earlier[-1] if earlier else None
    actions = (
        FollowUpAction.objects.filter(cycle__community=community, created_at__lt=starts_at)
        .select_related("owner__user", "cycle")
        .order_by("due_on", "pk")
    )
    open_ = [action for action in actions if action.done_at is None]
    done = [
        action
        for action in actions
        if action.done_at is not None and (since is None or action.done_at >= since)
    ]
    return open_, done


def open_actions_for(membership) -> list[FollowUpAction]:
    """Open follow-up actions this member agreed to take (for the home's "now" panel)."""
    if membership is None:
        return []
    return list(
        FollowUpAction.objects.filter(owner=membership, done_at__isnull=True)
        .select_related("cycle")
        .order_by("due_on", "pk")
    )


LEVELS = {
    "participant": gettext_lazy("Participants"),
    "organisation": gettext_lazy("Their organisations"),
    "field": gettext_lazy("The field or system"),
    "initiator": gettext_lazy("The initiator"),
}


def evidence_by_level(groups: list[EvidenceGroup]) -> list[tuple[str, list, list]]:
    """(level label, what the CoP set out to achieve there, the evidence that speaks to it) for
    each of step 1's levels that has either."""
    rows = []
    items = [(group, item) for group in groups for item in group.items]
    for level, label in LEVELS.items():
        ambitions = [item for _g, item in items if item.ambition and item.level == level]
        measures = [
            (g.label, item) for g, item in items if not item.ambition and item.level == level
        ]
        if ambitions or measures:
            rows.append((str(label), ambitions, measures))
    return rows

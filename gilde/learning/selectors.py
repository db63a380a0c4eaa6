"""Viewer-aware reads of step 7. The sharing tiers are decided here, once per kind of item:
`entries_visible_to`, `experiments_visible_to`, `goals_visible_to`. Every page, fragment, e-mail
and download reads personal items through them.

Who sees an item of tier …
- private: its author only;
- buddy: also the author's buddies of the current (confirmed) period;
- facilitators: also the CoP's facilitators (not the initiator);
- group / public: every member of the CoP (the public page is for step 8 to show).
Nobody else, staff included: the admin shows no bodies.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gilde.communities.access import CommunityAccess
from gilde.communities.calendar import MeetingRef, meetings_of
from gilde.communities.models import Community, Membership, Role

from .models import (
    OPEN_STATUSES,
    BuddyGroup,
    BuddyPeriod,
    Canvas,
    Entry,
    Experiment,
    ExperimentStatus,
    LearningRecord,
    Tier,
    tiers_from,
)

RECORD_ROLES = (Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)
# After a meeting, members are asked what they take with them for a week.
PROMPT_WINDOW = timedelta(days=7)


# Buddies


def current_period(community: Community, today: date | None = None) -> BuddyPeriod | None:
    """The confirmed buddy period that runs today (the latest to start, if they overlap)."""
    today = today or timezone.localdate()
    return (
        community.buddy_periods.filter(
            confirmed_at__isnull=False, starts_on__lte=today, ends_on__gte=today
        )
        .order_by("-starts_on", "-id")
        .first()
    )


def _current_period_ids(community_id: int, today: date):
    return BuddyPeriod.objects.filter(
        community_id=community_id,
        confirmed_at__isnull=False,
        starts_on__lte=today,
        ends_on__gte=today,
    ).values("pk")


def buddies_of(membership: Membership | None, today: date | None = None) -> list[Membership]:
    """The member's buddies in the current period, with their accounts; one query."""
    if membership is None:
        return []
    today = today or timezone.localdate()
    groups = BuddyGroup.objects.filter(
        period__in=_current_period_ids(membership.community_id, today), members=membership
    ).values("pk")
    return list(
        Membership.objects.filter(buddy_groups__in=groups)
        .exclude(pk=membership.pk)
        .select_related("user")
        .distinct()
        .order_by("user__name")
    )


def buddy_for(membership: Membership | None) -> list[Membership]:
    """For the home's "now" panel: this member's current buddies (empty without a period)."""
    return buddies_of(membership)


# The one tier rule


def _visible(access: CommunityAccess, buddy_ids: set[int], field: str = "tier") -> Q:
    membership = access.membership
    if membership is None:
        return Q(pk__in=[])
    rule = Q(membership_id=membership.pk) | Q(**{f"{field}__in": tiers_from(Tier.GROUP)})
    if buddy_ids:
        rule |= Q(membership_id__in=buddy_ids, **{f"{field}__in": tiers_from(Tier.BUDDY)})
    if membership.role == Role.FACILITATOR:
        rule |= Q(**{f"{field}__in": tiers_from(Tier.FACILITATORS)})
    return rule


def _buddy_ids(access: CommunityAccess, buddies: list[Membership] | None) -> set[int]:
    if buddies is None:
        buddies = buddies_of(access.membership)
    return {b.pk for b in buddies}


def entries_visible_to(
    access: CommunityAccess, *, buddies: list[Membership] | None = None
) -> QuerySet:
    """Every entry of the CoP this viewer may read, newest first."""
    return access.community.learning_entries.filter(
        _visible(access, _buddy_ids(access, buddies))
    ).select_related("membership__user", "meeting", "experiment")


def experiments_visible_to(
    access: CommunityAccess, *, buddies: list[Membership] | None = None
) -> QuerySet:
    """Every experiment of the CoP this viewer may read."""
    return access.community.experiments.filter(
        _visible(access, _buddy_ids(access, buddies))
    ).select_related("membership__user", "partner__user", "meeting")


def goals_visible_to(
    access: CommunityAccess, *, buddies: list[Membership] | None = None
) -> QuerySet:
    """The learning records whose goals and questions this viewer may read."""
    return access.community.learning_records.filter(
        _visible(access, _buddy_ids(access, buddies), field="goals_tier")
    ).select_related("membership__user")


def entry_visible_or_404(access: CommunityAccess, pk: int) -> Entry:
    entry = entries_visible_to(access).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def experiment_visible_or_404(access: CommunityAccess, pk: int) -> Experiment:
    experiment = experiments_visible_to(access).filter(pk=pk).first()
    if experiment is None:
        raise Http404
    return experiment


def own_entry_or_404(access: CommunityAccess, pk: int) -> Entry:
    """An entry the viewer wrote; another member's id is a 404, never a 403 that confirms it."""
    if access.membership is None:
        raise Http404
    entry = access.community.learning_entries.filter(pk=pk, membership=access.membership).first()
    if entry is None:
        raise Http404
    return entry


def own_experiment_or_404(access: CommunityAccess, pk: int) -> Experiment:
    if access.membership is None:
        raise Http404
    experiment = access.community.experiments.filter(pk=pk, membership=access.membership).first()
    if experiment is None:
        raise Http404
    return experiment


def record_of(membership: Membership) -> LearningRecord | None:
    return LearningRecord.objects.filter(membership=membership).first()


def own_experiments(access: CommunityAccess) -> QuerySet:
    return access.community.experiments.filter(membership=access.membership)


# Filters and lists


@dataclass(frozen=True)
class EntryFilter:
    kind: str = ""
    meeting: int | None = None
    tag: str = ""
    member: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.kind or self.meeting or self.tag or self.member)


def entries_filtered(entries: QuerySet, filters: EntryFilter) -> QuerySet:
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.meeting:
        entries = entries.filter(meeting_id=filters.meeting)
    if filters.tag:
        entries = entries.filter(tags__icontains=f",{filters.tag},")
    if filters.member:
        entries = entries.filter(membership_id=filters.member)
    return entries


def shared_entries_for(access: CommunityAccess, *, buddies=None) -> QuerySet:
    """The group view: what others shared with this viewer (their own items are on their
    record)."""
    return entries_visible_to(access, buddies=buddies).exclude(membership=access.membership)


def with_work_forms(community: Community, entries) -> list:
    """`entries` as a list, each with `work_form` set to (name, url) of the work form it names,
    or None. The library needs no query; the CoP's own forms one, only when an entry names one."""
    from django.urls import reverse

    from gilde.guide.selectors import guide_for_request

    entries = list(entries)
    keys = {e.work_form_key for e in entries if e.work_form_key}
    found: dict[str, tuple[str, str]] = {}
    if keys:
        for form in guide_for_request().work_forms:
            if form.key in keys:
                found[form.key] = (form.name, reverse("guide:work_form", args=[form.key]))
        own = {int(k[4:]) for k in keys - set(found) if k.startswith("cop-") and k[4:].isdigit()}
        for own_form in community.work_forms.filter(pk__in=own):
            url = reverse("guide:cop_work_form", args=[community.slug, own_form.pk])
            found[own_form.key] = (own_form.name, url)
    for entry in entries:
        entry.work_form = found.get(entry.work_form_key)
    return entries


# Experiments and meetings


def experiments_due_for(membership: Membership | None) -> list[Experiment]:
    """For the home's "now" panel: the member's open experiments, soonest first."""
    if membership is None:
        return []
    return list(
        Experiment.objects.filter(membership=membership, status__in=OPEN_STATUSES).order_by(
            "due_on", "pk"
        )
    )


def shared_experiments_for_meeting(access: CommunityAccess, meeting_id: int) -> list[Experiment]:
    """Experiments that report back at this meeting and that the viewer may read."""
    return list(
        experiments_visible_to(access)
        .filter(meeting_id=meeting_id)
        .exclude(status=ExperimentStatus.DROPPED)
        .order_by("membership__user__name", "pk")
    )


def group_experiments_for_meeting(community: Community, meeting_id: int) -> list[Experiment]:
    """Experiments shared with the whole group that report back at this meeting: what an
    agenda item may name, whoever puts it there."""
    return list(
        community.experiments.filter(meeting_id=meeting_id, tier__in=tiers_from(Tier.GROUP))
        .exclude(status=ExperimentStatus.DROPPED)
        .select_related("membership__user")
        .order_by("membership__user__name", "pk")
    )


def meeting_prompt_due(membership: Membership | None, now: datetime | None = None):
    """For the home's "now" panel: the last meeting that ended within a week and that this
    member has not written a take-away for yet, or None."""
    if membership is None or membership.role not in RECORD_ROLES:
        return None
    now = now or timezone.now()
    ended = [
        m
        for m in meetings_of(membership.community)
        if not m.cancelled and m.ends_at <= now and now - m.ends_at <= PROMPT_WINDOW
    ]
    if not ended:
        return None
    meeting = ended[-1]
    if Entry.objects.filter(
        membership=membership, meeting_id=meeting.id, kind="highlight"
    ).exists():
        return None
    return meeting


def canvases_of(community: Community) -> QuerySet:
    return community.canvases.annotate(step_count=Count("steps"))


def canvas_or_404(access: CommunityAccess, pk: int) -> Canvas:
    canvas = access.community.canvases.filter(pk=pk).first()
    if canvas is None:
        raise Http404
    return canvas


def upcoming_meetings(community: Community, now: datetime | None = None) -> list[MeetingRef]:
    now = now or timezone.now()
    return [m for m in meetings_of(community) if m.ends_at >= now and not m.cancelled]


def shared_for_report(
    community: Community, *, tier: str, start: date, end: date, organisation_id: int | None = None
) -> tuple[list[Experiment], list[Entry]]:
    """What a report may quote of the learning record: experiments and entries of the period
    shared at `tier` or wider (GROUP for the organisations' and the funder's reports, PUBLIC for
    the field's), optionally only those of one organisation's people. Nothing narrower, ever."""
    tiers = tiers_from(tier)
    experiments = community.experiments.filter(
        tier__in=tiers, due_on__gte=start, due_on__lte=end
    ).order_by("due_on", "pk")
    entries = community.learning_entries.filter(
        tier__in=tiers, created_at__date__gte=start, created_at__date__lte=end
    ).order_by("created_at", "pk")
    if organisation_id is not None:
        experiments = experiments.filter(membership__user__organisation_id=organisation_id)
        entries = entries.filter(membership__user__organisation_id=organisation_id)
    return list(experiments), list(entries)


def experiment_counts(community: Community, *, start: date, end: date) -> dict[str, int]:
    """How many experiments of the period were planned and reported on, whatever their tier: a
    count says nothing of anyone's content."""
    experiments = community.experiments.filter(due_on__gte=start, due_on__lte=end)
    return {
        "planned": experiments.count(),
        "reported": experiments.filter(reported_at__isnull=False).count(),
    }

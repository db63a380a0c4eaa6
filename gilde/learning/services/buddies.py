"""Buddy rounds: a draft from the matching, adjusted by hand, confirmed."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from gilde.communities.members import member_facts
from gilde.communities.models import Community, Role
from gilde.core.audit import audit_log

from .. import matching
from ..models import (
    BuddyGroup,
    BuddyPeriod,
)

# Buddy pairs


def _people(community: Community) -> list[matching.Person]:
    return [
        matching.Person(
            key=facts.membership_id,
            organisation=facts.organisation_name,
            industry=facts.industry,
            discipline=facts.discipline,
            knowledge_type=facts.knowledge_type,
            pioneer=facts.pioneer,
        )
        for facts in member_facts(community, (Role.PARTICIPANT,))
    ]


def _history(community: Community) -> matching.History:
    groups: dict[int, list[int]] = {}
    through = BuddyGroup.members.through.objects.filter(
        buddygroup__period__community=community, buddygroup__period__confirmed_at__isnull=False
    ).values_list("buddygroup_id", "membership_id")
    for group_id, membership_id in through:
        groups.setdefault(group_id, []).append(membership_id)
    return matching.history_from(groups.values())


def _groups_save(period: BuddyPeriod, groups: list[list[int]]) -> None:
    period.groups.all().delete()
    for number, members in enumerate(groups, start=1):
        group = BuddyGroup.objects.create(
            period=period, community_id=period.community_id, number=number
        )
        group.members.set(members)


@transaction.atomic
def buddy_period_propose(
    *, community: Community, actor, starts_on: date, ends_on: date
) -> BuddyPeriod:
    """A draft period with pairs from the matching. Raises `matching.TooFewPeople`."""
    people = _people(community)
    groups = matching.buddy_groups(people, _history(community))
    community.buddy_periods.filter(confirmed_at__isnull=True).delete()
    period = BuddyPeriod.objects.create(community=community, starts_on=starts_on, ends_on=ends_on)
    _groups_save(period, groups)
    return period


@transaction.atomic
def buddy_period_arrange(*, period: BuddyPeriod, numbers: dict[int, int]) -> None:
    """Move members between the draft's groups: `numbers` maps a membership id to its group's
    number. Groups left empty disappear; numbering closes up."""
    groups: dict[int, list[int]] = {}
    for membership_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
        groups.setdefault(number, []).append(membership_id)
    _groups_save(period, [groups[n] for n in sorted(groups)])


@transaction.atomic
def buddy_period_confirm(*, period: BuddyPeriod, actor) -> None:
    period.confirmed_at = timezone.now()
    period.save(update_fields=["confirmed_at"])
    audit_log(
        community=period.community,
        actor=actor,
        action="learning.buddies_confirmed",
        count=period.groups.count(),
        starts=period.starts_on.isoformat(),
        ends=period.ends_on.isoformat(),
    )


@transaction.atomic
def buddy_period_delete(*, period: BuddyPeriod, actor) -> None:
    confirmed = period.is_confirmed
    community = period.community
    period.delete()
    if confirmed:
        audit_log(community=community, actor=actor, action="learning.buddies_removed")

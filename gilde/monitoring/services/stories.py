"""Writes for value-creation stories."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.models import Community, Membership, Role
from gilde.core.audit import audit_log

from ..models import SharingTier, ValueCycle, ValueStory, ValueStoryPart
from .errors import MonitoringError


def value_story_save(
    *,
    community: Community,
    author: Membership,
    title: str,
    told_on: date,
    tier: str,
    parts: dict[str, tuple[str, str, str]],
    story: ValueStory | None = None,
) -> ValueStory:
    """Write a story: `parts` maps a cycle to (text, indicator or evidence, kind of potential
    value); cycles without text are left out. Only its author writes or changes a story."""
    if author.role == Role.OBSERVER:
        raise MonitoringError("observer", _("Observers read stories; they do not write them."))
    if story is not None and story.author_id != author.pk:
        raise MonitoringError("not_author", _("Only the author changes a story."))
    parts = {cycle: part for cycle, part in parts.items() if part[0].strip()}
    if not parts:
        raise MonitoringError("empty", _("Tell at least one part of the story."))
    if set(parts) - set(ValueCycle.values) or tier not in SharingTier.values:
        raise MonitoringError("unknown", _("Choose from the cycles and tiers offered."))
    with transaction.atomic():
        new = story is None
        if story is None:
            story = ValueStory(community=community, author=author)
        story.title, story.told_on, story.tier = title, told_on, tier
        story.updated_at = timezone.now()
        story.save()
        story.parts.all().delete()
        ValueStoryPart.objects.bulk_create(
            ValueStoryPart(
                story=story,
                cycle=cycle,
                text=text,
                evidence=evidence,
                potential_kind=kind if cycle == ValueCycle.POTENTIAL else "",
            )
            for cycle, (text, evidence, kind) in parts.items()
        )
        audit_log(
            community=community,
            actor=author.user,
            action="value_story.written" if new else "value_story.changed",
        )
    return story


def value_story_tier_set(*, story: ValueStory, author: Membership, tier: str) -> ValueStory:
    if story.author_id != author.pk:
        raise MonitoringError("not_author", _("Only the author changes who may read a story."))
    if tier not in SharingTier.values:
        raise MonitoringError("unknown", _("Choose from the tiers offered."))
    with transaction.atomic():
        story.tier = tier
        story.updated_at = timezone.now()
        story.save(update_fields=["tier", "updated_at"])
        audit_log(community=story.community, actor=author.user, action="value_story.changed")
    return story


def value_story_delete(*, story: ValueStory, author: Membership) -> None:
    if story.author_id != author.pk:
        raise MonitoringError("not_author", _("Only the author deletes a story."))
    with transaction.atomic():
        community = story.community
        story.delete()
        audit_log(community=community, actor=author.user, action="value_story.deleted")

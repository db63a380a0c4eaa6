"""The learning record: sharing tiers, goals and questions, entries, the take-away."""

from django.db import transaction
from django.utils import timezone

from gilde.communities.models import Community, Membership
from gilde.communities.offers import has_public_page
from gilde.core.versioning import versioned_save

from ..models import (
    Entry,
    Experiment,
    GoalsVersion,
    LearningRecord,
    Tier,
)


class TierNotOffered(ValueError):
    """The public tier exists only where the CoP has a public results page."""


def tier_check(community: Community, tier: str) -> str:
    tier = Tier(tier)
    if tier == Tier.PUBLIC and not has_public_page(community):
        raise TierNotOffered
    return tier


def tags_normalise(text: str) -> str:
    """ "Circulair, inkoop ,Circulair" → ",circulair,inkoop,": lower case, no doubles, no commas
    inside a tag."""
    seen: list[str] = []
    for raw in text.split(","):
        tag = " ".join(raw.split()).lower()[:40]
        if tag and tag not in seen:
            seen.append(tag)
    return "," + ",".join(seen) + "," if seen else ""


# The record: goals and questions


def record_for(membership: Membership) -> LearningRecord:
    record, _ = LearningRecord.objects.get_or_create(
        membership=membership, defaults={"community_id": membership.community_id}
    )
    return record


@transaction.atomic
def goals_save(
    *, membership: Membership, actor, revision: int, goals: str, questions: str, note: str = ""
) -> GoalsVersion | None:
    """Save the member's goals and questions as a new version; None when nothing changed.
    Raises StaleEdit when another save (their other tab) came first."""
    record = record_for(membership)
    return versioned_save(
        document=record,
        fields={"goals": goals, "questions": questions},
        revision=revision,
        versions=record.versions.all(),
        create_version=lambda number: GoalsVersion.objects.create(
            record=record,
            community_id=record.community_id,
            number=number,
            note=note,
            author=actor,
            goals=goals,
            questions=questions,
        ),
    )


@transaction.atomic
def goals_tier_set(*, membership: Membership, tier: str) -> LearningRecord:
    record = record_for(membership)
    record.goals_tier = tier_check(membership.community, tier)
    record.save(update_fields=["goals_tier"])
    return record


# Entries


@transaction.atomic
def entry_add(
    *,
    membership: Membership,
    kind: str,
    body: str,
    tier: str = Tier.PRIVATE,
    meeting_id: int | None = None,
    experiment: Experiment | None = None,
    work_form_key: str = "",
    tags: str = "",
    attachment=None,
) -> Entry:
    entry = Entry(
        community_id=membership.community_id,
        membership=membership,
        kind=kind,
        body=body,
        tier=tier_check(membership.community, tier),
        meeting_id=meeting_id,
        experiment=experiment,
        work_form_key=work_form_key,
        tags=tags_normalise(tags),
    )
    if attachment is not None:
        _attach(entry, attachment)
    entry.save()
    return entry


def _attach(entry: Entry, upload) -> None:
    entry.attachment_name = upload.name[:120]
    entry.attachment_size = upload.size
    entry.attachment.save(upload.name, upload, save=False)


def _remove_file_after_commit(name: str) -> None:
    if not name:
        return

    def remove():
        from django.core.files.storage import default_storage

        default_storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    kind: str,
    body: str,
    tier: str,
    meeting_id: int | None,
    experiment: Experiment | None,
    work_form_key: str,
    tags: str,
    attachment=None,
    remove_attachment: bool = False,
) -> Entry:
    entry.kind = kind
    entry.body = body
    entry.tier = tier_check(entry.community, tier)
    entry.meeting_id = meeting_id
    entry.experiment = experiment
    entry.work_form_key = work_form_key
    entry.tags = tags_normalise(tags)
    old = entry.attachment.name
    if remove_attachment or attachment is not None:
        entry.attachment = ""
        entry.attachment_name = ""
        entry.attachment_size = 0
        if old:
            _remove_file_after_commit(old)
    if attachment is not None:
        _attach(entry, attachment)
    entry.updated_at = timezone.now()
    entry.save()
    return entry


@transaction.atomic
def entry_tier_set(*, entry: Entry, tier: str) -> Entry:
    entry.tier = tier_check(entry.community, tier)
    entry.updated_at = timezone.now()
    entry.save(update_fields=["tier", "updated_at"])
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry) -> None:
    if entry.attachment.name:
        _remove_file_after_commit(entry.attachment.name)
    entry.delete()


@transaction.atomic
def meeting_takeaway_add(
    *, membership: Membership, meeting_id: int, body: str, tier: str = Tier.PRIVATE
) -> Entry:
    """The answer to "what do you take with you?": a meeting highlight in the member's record."""
    return entry_add(
        membership=membership, kind="highlight", body=body, tier=tier, meeting_id=meeting_id
    )

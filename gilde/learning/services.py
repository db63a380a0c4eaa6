"""Writes of step 7. Keyword-only and in a transaction each.

Personal items (goals, entries, experiments) write no audit entry: the audit log is read by the
initiator and the facilitators, and even "someone wrote a private note" is not theirs to know.
What the group shares (buddy periods, canvases, agenda items) is audited like everything else.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.calendar import agenda_item_append, meeting_ref, next_meeting
from gilde.communities.members import member_facts
from gilde.communities.models import Community, Membership, Role
from gilde.communities.offers import has_public_page
from gilde.core.audit import audit_log
from gilde.core.versioning import StaleEdit, versioned_save

from . import matching
from .models import (
    CANVAS_FIELDS,
    BuddyGroup,
    BuddyPeriod,
    Canvas,
    CanvasStep,
    CanvasVersion,
    Entry,
    Experiment,
    ExperimentStatus,
    GoalsVersion,
    LearningRecord,
    Tier,
)
from .selectors import group_experiments_for_meeting

__all__ = ["StaleEdit"]

EXPERIMENT_ROUND_MINUTES = 30


class TierNotOffered(ValueError):
    """The public tier exists only where the CoP has a public results page."""


def _check_tier(community: Community, tier: str) -> str:
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
    record.goals_tier = _check_tier(membership.community, tier)
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
        tier=_check_tier(membership.community, tier),
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
    entry.tier = _check_tier(entry.community, tier)
    entry.meeting_id = meeting_id
    entry.experiment = experiment
    entry.work_form_key = work_form_key
    entry.tags = tags_normalise(tags)
    old = entry.attachment.name
    if remove_attachment or attachment is not None:
        entry.attachment = ""
        entry.attachment_name = ""
        entry.attachment_size = 0
        _remove_file_after_commit(old)
    if attachment is not None:
        _attach(entry, attachment)
    entry.updated_at = timezone.now()
    entry.save()
    return entry


@transaction.atomic
def entry_tier_set(*, entry: Entry, tier: str) -> Entry:
    entry.tier = _check_tier(entry.community, tier)
    entry.updated_at = timezone.now()
    entry.save(update_fields=["tier", "updated_at"])
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry) -> None:
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
    fields["tier"] = _check_tier(membership.community, fields.get("tier", Tier.PRIVATE))
    return Experiment.objects.create(
        community_id=membership.community_id, membership=membership, **fields
    )


@transaction.atomic
def experiment_update(*, experiment: Experiment, **fields) -> Experiment:
    if "tier" in fields:
        fields["tier"] = _check_tier(experiment.community, fields["tier"])
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
        meeting=meeting_ref(community, meeting_id).title,
    )
    return len(experiments)


# Buddy pairs


def _people(community: Community) -> list[matching.Person]:
    return [
        matching.Person(
            key=facts.membership_id,
            organisation=facts.organisation,
            sector=facts.sector,
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


# Backcasting canvases


@transaction.atomic
def canvas_add(*, community: Community, actor, **fields) -> Canvas:
    canvas = Canvas.objects.create(community=community, revision=1, **fields)
    CanvasVersion.objects.create(
        canvas=canvas, community=community, number=1, author=actor, **fields
    )
    audit_log(community=community, actor=actor, action="learning.canvas_added", title=canvas.title)
    return canvas


@transaction.atomic
def canvas_save(
    *, canvas: Canvas, actor, revision: int, note: str = "", **fields
) -> CanvasVersion | None:
    """Save the canvas as a new version; None when nothing changed. Raises StaleEdit."""
    values = {name: fields[name] for name in CANVAS_FIELDS}
    version = versioned_save(
        document=canvas,
        fields=values,
        revision=revision,
        versions=canvas.versions.all(),
        create_version=lambda number: CanvasVersion.objects.create(
            canvas=canvas,
            community_id=canvas.community_id,
            number=number,
            note=note,
            author=actor,
            **values,
        ),
    )
    if version is not None:
        audit_log(
            community=canvas.community,
            actor=actor,
            action="learning.canvas_changed",
            title=canvas.title,
            number=version.number,
        )
    return version


@transaction.atomic
def canvas_step_add(*, canvas: Canvas, actor, **fields) -> CanvasStep:
    step = CanvasStep.objects.create(canvas=canvas, community_id=canvas.community_id, **fields)
    audit_log(
        community=canvas.community,
        actor=actor,
        action="learning.canvas_step_added",
        title=step.title,
        canvas=canvas.title,
    )
    return step


@transaction.atomic
def canvas_step_update(*, step: CanvasStep, actor, **fields) -> CanvasStep:
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    audit_log(
        community=step.canvas.community,
        actor=actor,
        action="learning.canvas_step_changed",
        title=step.title,
        canvas=step.canvas.title,
    )
    return step


@transaction.atomic
def canvas_step_delete(*, step: CanvasStep, actor) -> None:
    community, title, canvas = step.canvas.community, step.title, step.canvas.title
    step.delete()
    audit_log(
        community=community,
        actor=actor,
        action="learning.canvas_step_removed",
        title=title,
        canvas=canvas,
    )


@transaction.atomic
def canvas_step_to_experiment(*, step: CanvasStep, membership: Membership) -> Experiment:
    """The step as the member's own (private) experiment, due by the next meeting."""
    due_on, meeting_id = default_due(step.canvas.community)
    if step.due_on >= timezone.localdate() and step.due_on < due_on:
        due_on = step.due_on
    return experiment_add(
        membership=membership,
        title=step.title,
        expectation=step.description,
        due_on=due_on,
        meeting_id=meeting_id,
        canvas_step=step,
    )


@transaction.atomic
def canvas_step_to_agenda(*, step: CanvasStep, meeting_id: int, actor) -> bool:
    community = step.canvas.community
    added = agenda_item_append(
        community=community,
        meeting_id=meeting_id,
        title=step.title,
        duration_minutes=20,
        notes=step.description,
        actor=actor,
    )
    if added:
        step.on_agenda_at = timezone.now()
        step.save(update_fields=["on_agenda_at"])
        audit_log(
            community=community,
            actor=actor,
            action="learning.canvas_step_on_agenda",
            title=step.title,
            meeting=meeting_ref(community, meeting_id).title,
        )
    return added

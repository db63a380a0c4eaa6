"""Writes for meetings: agenda and facilitation."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from gilde.communities.revision import community_touch
from gilde.core.audit import audit_log

from ..models import (
    AgendaItem,
    AgendaTemplate,
    EvaluationAnswer,
    FacilitationMode,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    facilitation_focus,
)


def _agenda_renumber(meeting) -> list:
    """Positions 0, 1, 2, … in the current order; returns the items."""
    items = list(meeting.agenda_items.order_by("position", "id"))
    changed = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])
    return items


def _log(meeting, actor, action: str, title: str) -> None:
    audit_log(
        community=meeting.community, actor=actor, action=action, item=title, meeting=meeting.title
    )


@transaction.atomic
def agenda_item_add(*, meeting, actor, **fields):
    """Add an item at the end of the meeting's agenda; `fields` are the item's editable fields."""
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        meeting=meeting, position=0 if last is None else last + 1, **fields
    )
    _log(meeting, actor, "agenda_item.added", item.title)
    return item


BREAK_MINUTES = 15


@transaction.atomic
def agenda_break_add(*, meeting, actor, minutes: int = BREAK_MINUTES):
    """Add a break at the end of the agenda (move it where it belongs)."""
    with translation.override(actor.language if actor else None):
        title = gettext("Break")
    return agenda_item_add(
        meeting=meeting, actor=actor, title=title, duration_minutes=minutes, is_break=True
    )


# The fields a template keeps of each item: everything but who leads it.
TEMPLATE_FIELDS = (
    "title",
    "work_form_key",
    "duration_minutes",
    "configuration",
    "tgi_focus",
    "notes",
    "is_break",
)


@transaction.atomic
def agenda_template_save(*, meeting, actor, name: str) -> AgendaTemplate:
    """Save the meeting's agenda as a template under `name` (replacing one of that name)."""
    items = [
        {field: getattr(item, field) for field in TEMPLATE_FIELDS}
        for item in meeting.agenda_items.order_by("position", "id")
    ]
    template, _created = AgendaTemplate.objects.update_or_create(
        community=meeting.community, name=name, defaults={"items": items}
    )
    audit_log(community=meeting.community, actor=actor, action="agenda_template.saved", name=name)
    return template


@transaction.atomic
def agenda_template_create(*, community, actor, name: str, items: list[dict]) -> AgendaTemplate:
    """A template from a list of items (a CoP's starting point, see `starters`)."""
    clean = [{field: item.get(field, _EMPTY[field]) for field in TEMPLATE_FIELDS} for item in items]
    template, _created = AgendaTemplate.objects.update_or_create(
        community=community, name=name, defaults={"items": clean}
    )
    audit_log(community=community, actor=actor, action="agenda_template.saved", name=name)
    return template


_EMPTY = {
    "title": "",
    "work_form_key": "",
    "duration_minutes": 10,
    "configuration": "",
    "tgi_focus": "",
    "notes": "",
    "is_break": False,
}


@transaction.atomic
def agenda_template_apply(*, meeting, actor, template: AgendaTemplate) -> int:
    """Add the template's items after the meeting's current items; how many were added."""
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    start = 0 if last is None else last + 1
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                position=start + index,
                **{field: item.get(field, _EMPTY[field]) for field in TEMPLATE_FIELDS},
            )
            for index, item in enumerate(template.items)
        ]
    )
    community_touch(community_id=meeting.community_id)
    audit_log(
        community=meeting.community,
        actor=actor,
        action="agenda_template.applied",
        name=template.name,
        meeting=meeting.title,
    )
    return len(template.items)


@transaction.atomic
def agenda_template_delete(*, template: AgendaTemplate, actor) -> None:
    audit_log(
        community=template.community,
        actor=actor,
        action="agenda_template.deleted",
        name=template.name,
    )
    template.delete()


@transaction.atomic
def agenda_item_update(*, item, actor, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    _log(item.meeting, actor, "agenda_item.changed", item.title)
    return item


@transaction.atomic
def agenda_item_delete(*, item, actor) -> None:
    """Remove an item; answers linked to it stay, unlinked; the others close ranks."""
    meeting = item.meeting
    _log(meeting, actor, "agenda_item.deleted", item.title)
    item.delete()
    _agenda_renumber(meeting)


@transaction.atomic
def agenda_item_move(*, item, direction: str) -> bool:
    """Swap the item with its neighbour above ("up") or below ("down"). False at the edge."""
    items = _agenda_renumber(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return False
    first, second = items[index], items[target]
    first.position, second.position = second.position, first.position
    AgendaItem.objects.bulk_update([first, second], ["position"])
    return True


def _future_planned(community):
    return community.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=timezone.now())


def _facilitator(meeting, membership, focus: str) -> MeetingFacilitator:
    """A facilitator row whose stored focus is the one every page shows."""
    return MeetingFacilitator(
        meeting=meeting, membership=membership, focus=facilitation_focus(membership, focus)
    )


@transaction.atomic
def meeting_facilitators_set(*, meeting, turns) -> None:
    """Replace the meeting's facilitators by `turns`: (membership, focus) pairs. A facilitator
    keeps their own focus from the member list (`facilitation_focus`)."""
    meeting.facilitators.all().delete()
    MeetingFacilitator.objects.bulk_create([_facilitator(meeting, m, focus) for m, focus in turns])


@transaction.atomic
def facilitation_save(*, community, actor, mode: str, core_group=(), plan=None, pair=None):
    """Store how the CoP facilitates. A pair (content, process) is assigned to every future
    planned meeting; a rotation plan ((meeting, facilitators) pairs from the preview, unsaved
    MeetingFacilitator rows) is applied as shown. Held and past meetings keep their
    facilitators."""
    settings, _created = MeetingSettings.objects.get_or_create(community=community)
    settings.facilitation_mode = mode
    settings.save(update_fields=["facilitation_mode"])
    if mode == FacilitationMode.ROTATION_CORE:
        settings.core_group.set(core_group)
    future_ids = set(_future_planned(community).values_list("id", flat=True))
    if pair is not None:
        content, process = pair
        plan = [
            (
                meeting,
                [
                    MeetingFacilitator(membership=content, focus="content"),
                    MeetingFacilitator(membership=process, focus="process"),
                ],
            )
            for meeting in _future_planned(community)
        ]
    plan = [(meeting, turns) for meeting, turns in (plan or []) if meeting.pk in future_ids]
    MeetingFacilitator.objects.filter(meeting_id__in=[m.pk for m, _turns in plan]).delete()
    MeetingFacilitator.objects.bulk_create(
        [
            _facilitator(meeting, turn.membership, turn.focus)
            for meeting, turns in plan
            for turn in turns
        ]
    )
    audit_log(community=community, actor=actor, action="facilitation.changed", mode=mode)
    return settings


@transaction.atomic
def evaluation_need_handle(*, answer_id: int, handled: bool, agenda_item=None) -> None:
    """Tick off an answer to "what does the next meeting need", or link it to an agenda item
    (which counts as handled). `answer_id` comes from the gate (selectors.evaluation_needs):
    only an answer the facilitator may see can be handled."""
    EvaluationAnswer.objects.filter(pk=answer_id).update(
        handled=handled or agenda_item is not None, agenda_item=agenda_item
    )

"""Backcasting canvases: versions, steps, and a step as experiment or agenda item."""

from django.db import transaction
from django.utils import timezone

from gilde.communities.calendar import agenda_item_append, meeting_of
from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log
from gilde.core.versioning import versioned_save

from ..models import (
    CANVAS_FIELDS,
    Canvas,
    CanvasStep,
    CanvasVersion,
    Experiment,
)
from .experiments import default_due, experiment_add

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
            meeting=getattr(meeting_of(community, meeting_id), "title", ""),
        )
    return added

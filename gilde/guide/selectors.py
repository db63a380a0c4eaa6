"""Reads of the guide: the content in the active language, and a CoP's own work forms."""

from django.utils import translation

from gilde.communities.models import Community
from gilde.communities.readiness import StepState, StepStatus, step_state, step_states
from gilde.communities.revision import cached_for

from .content import Guide, Step, WorkForm, load_guide, render_markdown
from .models import CustomWorkForm


def guide_for_request() -> Guide:
    return load_guide(translation.get_language() or "nl")


def custom_as_work_form(form: CustomWorkForm) -> WorkForm:
    return WorkForm(
        key=form.key,
        family="own",
        name=form.name,
        purpose=form.purpose,
        how_to=render_markdown(form.how_to),
        min_minutes=form.min_minutes,
        max_minutes=form.max_minutes,
        per="",
        stages=tuple(form.stages),
        min_group=form.min_group,
        max_group=form.max_group,
        tgi=tuple(form.tgi),
        sides=tuple(form.sides),
        purposes=tuple(form.purposes),
        steps=tuple(form.steps),
        source_url=form.source_url,
        own_pk=form.pk,
        shared=form.shared_with_programmes,
        search_text=" ".join([form.name, form.purpose, form.how_to]).lower(),
    )


def work_forms_for(community: Community | None) -> list[WorkForm]:
    """The built-in library, plus the CoP's own forms when a CoP is given (one query)."""
    forms = list(guide_for_request().work_forms)
    if community is not None:
        own = [custom_as_work_form(form) for form in community.work_forms.all()]
        forms = sorted(own + forms, key=lambda form: form.name.lower())
    return forms


def step_rail(
    community: Community, current: int | None = None, facts: dict | None = None
) -> list[tuple[StepState, Step]]:
    """Each of the eight steps with its status in this CoP, for the step rail.

    The states come from the cache for the CoP's revision. A step's own page passes its number
    (`current`) and a `facts` dict: that step is computed afresh, and what its signals fetched is
    left in `facts` for its workspace."""
    guide = guide_for_request()
    states = cached_for(community, "step_states", lambda: step_states(community))
    if current is not None:
        fresh = step_state(community, current, facts)
        states = [fresh if state.number == current else state for state in states]
    return [(state, guide.step(state.number)) for state in states]


def rail_focus(rail: list[tuple[StepState, Step]]) -> tuple[StepState, Step] | None:
    """The step the CoP is at: the first that is not done; None when all eight are."""
    return next(((state, step) for state, step in rail if state.status != StepStatus.DONE), None)

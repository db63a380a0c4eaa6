"""The "begin here" checklist on a new CoP's home, for those who set it up.

It follows the method: sharpen the question first, say what the CoP should yield, then find the
group, appoint the facilitators and plan the calendar. Each item ticks itself off from the CoP's
data; the list disappears once every item is done. The apps that own the data register their
items with `@first_step(order=N)`: a function `(community)` that returns a `FirstStep` whose
`done` is a boolean query expression on the CoP's row (an `Exists(...)` with
`OuterRef("pk")`), or None when it does not apply. All items are answered in one query, and only
once per revision of the CoP (`cached_for`): a warm home spends no query on them.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import Action
from .home import HomeSection, home_section
from .models import Community, Focus, Membership, Role
from .revision import cached_for


@dataclass(frozen=True)
class FirstStep:
    title: str
    url: str
    done: Any  # a boolean expression on the CoP's row; a bool once evaluated
    hint: str = ""


FirstStepFunction = Callable[[Community], FirstStep | None]
_STEPS: list[tuple[int, FirstStepFunction]] = []


def first_step(*, order: int):
    def decorator(function: FirstStepFunction) -> FirstStepFunction:
        if all(registered is not function for _, registered in _STEPS):
            _STEPS.append((order, function))
            _STEPS.sort(key=lambda pair: pair[0])
        return function

    return decorator


def first_steps(community: Community) -> list[FirstStep]:
    """The checklist for this CoP, cached per revision."""

    def compute() -> list[FirstStep]:
        steps = [step for _, function in _STEPS if (step := function(community)) is not None]
        if not steps:
            return []
        answers = (
            Community.objects.filter(pk=community.pk)
            .annotate(
                **{
                    f"step_{index}": ExpressionWrapper(step.done, output_field=BooleanField())
                    for index, step in enumerate(steps)
                }
            )
            .values(*(f"step_{index}" for index in range(len(steps))))
            .get()
        )
        return [
            replace(step, done=bool(answers[f"step_{index}"])) for index, step in enumerate(steps)
        ]

    return cached_for(community, "first_steps", compute)  # type: ignore[return-value]


@first_step(order=40)
def facilitators(community: Community) -> FirstStep:
    """Two facilitators, one with a content and one with a process focus (step 4)."""
    facilitators = Membership.objects.filter(community=OuterRef("pk"), role=Role.FACILITATOR)
    return FirstStep(
        title=_("Appoint two facilitators: one for content, one for process"),
        url=reverse("communities:invite", kwargs={"slug": community.slug}),
        done=Exists(facilitators.filter(focus=Focus.CONTENT))
        & Exists(facilitators.filter(focus=Focus.PROCESS)),
        hint=_("Invite them with the role facilitator and their focus."),
    )


@home_section(order=5)
def begin_here(request, access) -> HomeSection | None:
    if not access.can(Action.EDIT_SETTINGS):
        return None
    steps = first_steps(access.community)
    if not steps or all(step.done for step in steps):
        return None
    return HomeSection(
        "communities/_home_begin.html",
        {"steps": steps, "done_count": sum(1 for step in steps if step.done)},
    )

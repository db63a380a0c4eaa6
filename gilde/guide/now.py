"""The guide on the CoP's home ("now" panel): for those who mark steps, the step the CoP is at
and the signals in it that are not met yet. Read from the rail's cache: no query on a warm
home."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.access import Action
from gilde.communities.now import NowItem, Urgency, now_provider
from gilde.communities.readiness import SignalStatus, StepStatus

from .selectors import rail_focus, step_rail


@now_provider(order=40)
def step_attention(request, access) -> list[NowItem]:
    if not access.can(Action.MARK_STEPS):
        return []
    rail = step_rail(access.community)
    focus = rail_focus(rail)
    if focus is None:
        return []
    state, step = focus
    url = reverse("guide:cop_step", kwargs={"slug": access.community.slug, "number": state.number})
    if state.status == StepStatus.READY:
        return [
            NowItem(
                kind="step",
                title=_("Step %(number)s, %(title)s: ready by the signals")
                % {"number": state.number, "title": step.title},
                url=url,
                detail=_("Mark the step done when the group agrees."),
                urgency=Urgency.TODO,
            )
        ]
    unmet = [signal for signal in state.signals if signal.status == SignalStatus.NOT_MET]
    if not unmet:
        return []
    return [
        NowItem(
            kind="step",
            title=_("Step %(number)s, %(title)s: %(unmet)s")
            % {
                "number": state.number,
                "title": step.title,
                "unmet": ngettext(
                    "%(count)s signal needs attention",
                    "%(count)s signals need attention",
                    len(unmet),
                )
                % {"count": len(unmet)},
            },
            url=url,
            detail=", ".join(signal.title for signal in unmet[:3]),
            urgency=Urgency.TODO,
        )
    ]

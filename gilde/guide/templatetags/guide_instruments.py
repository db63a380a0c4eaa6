"""`{% in_gilde blocks %}`: the guidance's sentences about Gilde, for the instruments that exist.

A block whose instrument is not registered (yet) shows nothing, so the guidance never promises
software that is not there. Inside a CoP the sentence links to the instrument when the viewer
may open it."""

from django import template

from ..instruments import instrument
from ..labels import SIDES
from ..work_form_actions import work_form_actions

register = template.Library()


@register.inclusion_tag("guide/_in_gilde.html", takes_context=True)
def in_gilde(context, blocks) -> dict:
    access, community = context.get("access"), context.get("community")
    shown = []
    for block in blocks:
        found = instrument(block.instrument)
        if found is None:
            continue
        in_a_cop = community is not None and access is not None
        may_open = in_a_cop and (found.action is None or access.can(found.action))
        url = found.url(community) if may_open else ""
        shown.append((block, found, url))
    return {"shown": shown}


@register.inclusion_tag("guide/_work_form_actions.html", takes_context=True)
def work_form_actions_for(context, work_form) -> dict:
    """Links to what the CoP can do with `work_form` (see `work_form_actions`)."""
    return {"actions": work_form_actions(context.get("access"), work_form)}


@register.simple_tag
def side_labels(work_form) -> str:
    """The sides a work form addresses (rational, physical, creative, intuitive), in that order."""
    return ", ".join(str(label) for code, label in SIDES.items() if code in work_form.sides)

"""The step rail's words. `{% rail_summary rail current as summary %}`: the one line a phone shows
for the step rail ("Step 2 of 8 · Under way"), for the step being looked at or, on the home, the
step the CoP is at. `{% step_status_text state access %}`: a step's status as the rail, the step
page and the home all say it; a done step names who marked it and when ("Done according to Sanne,
30 Nov"), the name only for viewers who may read the member list."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gilde.communities.readiness import StepStatus

from ..selectors import rail_focus

register = template.Library()


def mark_date(mark) -> str:
    """The short date of a step mark: "30 Nov", "30 nov" in Dutch."""
    return date_format(timezone.localtime(mark.marked_at), pgettext("short date", "j M"))


@register.simple_tag
def step_status_text(state, access=None) -> str:
    mark = state.mark
    if state.status != StepStatus.DONE or mark is None:
        return state.status_label
    name = access.user_label(mark.marked_by) if access is not None else ""
    if name:
        return _("Done according to %(name)s, %(date)s") % {"name": name, "date": mark_date(mark)}
    return _("Done, marked on %(date)s") % {"date": mark_date(mark)}


@register.simple_tag
def mark_text(mark, access=None) -> str:
    """One line of a step's history: "Marked done by Sanne, 30 Nov" or "Reopened, 2 Dec"."""
    name = access.user_label(mark.marked_by) if access is not None else ""
    values = {"name": name, "date": mark_date(mark)}
    if mark.done:
        return (
            _("Marked done by %(name)s, %(date)s") if name else _("Marked done, %(date)s")
        ) % values
    return (_("Reopened by %(name)s, %(date)s") if name else _("Reopened, %(date)s")) % values


@register.simple_tag
def rail_summary(rail, current=None, access=None) -> str:
    total = len(rail)
    if current:
        found = next(((s, step) for s, step in rail if s.number == current), None)
    else:
        found = rail_focus(rail)
        if found is None:
            return _("All %(total)s steps done") % {"total": total}
    if found is None:
        return ""
    state, _step = found
    return _("Step %(number)s of %(total)s · %(status)s") % {
        "number": state.number,
        "total": total,
        "status": step_status_text(state, access),
    }

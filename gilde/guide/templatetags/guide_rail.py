"""`{% rail_summary rail current as summary %}`: the one line a phone shows for the step rail
("Step 2 of 8: under way"), for the step being looked at or, on the home, the step the CoP is
at."""

from django import template
from django.utils.translation import gettext as _

from ..selectors import rail_focus

register = template.Library()


@register.simple_tag
def rail_summary(rail, current=None) -> str:
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
    return _("Step %(number)s of %(total)s: %(status)s") % {
        "number": state.number,
        "total": total,
        "status": state.status_label.lower(),
    }

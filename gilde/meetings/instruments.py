"""The meetings' instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "calendar", url_name="meetings:calendar", label=_("Meetings"), action=Action.VIEW_MEETINGS
)
# Each meeting's agenda is reached from the calendar.
register_instrument(
    "agenda", url_name="meetings:calendar", label=_("Meetings"), action=Action.VIEW_MEETINGS
)
register_instrument(
    "facilitation_rotation",
    url_name="meetings:facilitation",
    label=_("Facilitation"),
    action=Action.PLAN_MEETINGS,
)
register_instrument(
    "ownership_signal",
    url_name="meetings:facilitation",
    label=_("Who leads the meetings"),
    action=Action.PLAN_MEETINGS,
)
register_instrument(
    "meeting_evaluation",
    url_name="meetings:evaluation_trend",
    label=_("Evaluation trend"),
    action=Action.VIEW_MEETINGS,
)

"""Step 5's instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "decision_log", url_name="decisions:log", label=_("Decision log"), action=Action.VIEW_DECISIONS
)
register_instrument(
    "polls", url_name="decisions:polls", label=_("Polls"), action=Action.VIEW_DECISIONS
)
register_instrument(
    "working_agreements",
    url_name="decisions:agreements",
    label=_("Working agreements"),
    action=Action.VIEW_DECISIONS,
)
register_instrument(
    "meeting_roles",
    url_name="decisions:roles",
    label=_("Roles at meetings"),
    action=Action.VIEW_DECISIONS,
)
register_instrument(
    "feedback_requests",
    url_name="decisions:feedback",
    label=_("Peer feedback"),
    action=Action.ASK_FEEDBACK,
)

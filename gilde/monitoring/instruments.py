"""Step 6's instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "monitoring_cycle",
    url_name="monitoring:cycles",
    label=_("Monitoring cycles"),
    action=Action.VIEW_MONITORING,
)
register_instrument(
    "social_map",
    url_name="monitoring:network",
    label=_("Social map"),
    action=Action.VIEW_MONITORING,
)
register_instrument(
    "system_analysis",
    url_name="monitoring:tis",
    label=_("System analysis"),
    action=Action.VIEW_MONITORING,
)
register_instrument(
    "value_stories",
    url_name="monitoring:stories",
    label=_("Value-creation stories"),
    action=Action.VIEW_MONITORING,
)

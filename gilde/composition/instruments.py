"""Step 2's instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "candidate_pipeline",
    url_name="composition:candidates",
    label=_("Candidates"),
    action=Action.MANAGE_CANDIDATES,
)
register_instrument(
    "composition_dashboard",
    url_name="composition:dashboard",
    label=_("Composition of the group"),
    action=Action.VIEW_COMPOSITION,
)
# The rule is switched on the dashboard, where its warnings show.
register_instrument(
    "industry_rule",
    url_name="composition:dashboard",
    label=_("Composition of the group"),
    action=Action.MANAGE_CANDIDATES,
)
register_instrument(
    "intake", url_name="composition:intakes", label=_("Intakes"), action=Action.READ_INTAKES
)

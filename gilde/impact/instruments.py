"""Step 3's instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "impact_agreements",
    url_name="impact:overview",
    label=_("Lasting impact"),
    action=Action.MANAGE_IMPACT,
)
register_instrument(
    "organisation_commitments",
    url_name="impact:overview",
    label=_("Lasting impact"),
    action=Action.MANAGE_IMPACT,
)

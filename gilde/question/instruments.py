"""Step 1's instruments, as the guidance names them (see gilde/guide/instruments.py)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "question_sheet",
    url_name="guide:cop_step",
    url_kwargs={"number": 1},
    label=_("The question sheet"),
    action=Action.VIEW_QUESTION,
)
register_instrument(
    "urgency_signals",
    url_name="question:signals",
    label=_("Urgency signals"),
    action=Action.VIEW_QUESTION,
)
register_instrument(
    "intended_yields",
    url_name="question:yields",
    label=_("Intended yields"),
    action=Action.VIEW_QUESTION,
)
register_instrument(
    "stakeholder_grid",
    url_name="question:stakeholders",
    label=_("Stakeholder grid"),
    action=Action.VIEW_QUESTION,
)
register_instrument(
    "problem_tree", url_name="question:tree", label=_("Problem tree"), action=Action.VIEW_QUESTION
)
register_instrument(
    "sociotechnical_analysis",
    url_name="question:analysis",
    label=_("Socio-technical problem analysis"),
    action=Action.VIEW_QUESTION,
)
register_instrument(
    "sociotechnical_layers",
    url_name="question:layers",
    label=_("Niche, regime and landscape"),
    action=Action.VIEW_QUESTION,
)

"""Step 7's instruments, as the guidance names them."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action
from gilde.guide.instruments import register_instrument

register_instrument(
    "logbook", url_name="learning:record", label=_("My learning record"), action=Action.KEEP_RECORD
)
register_instrument(
    "personal_notes",
    url_name="learning:record",
    label=_("My learning record"),
    action=Action.KEEP_RECORD,
)
register_instrument(
    "shared_learning_questions",
    url_name="learning:group",
    label=_("Shared learning"),
    action=Action.VIEW_LEARNING,
)
register_instrument(
    "experiments",
    url_name="learning:experiments",
    label=_("Experiments"),
    action=Action.VIEW_LEARNING,
)
register_instrument(
    "buddy_pairs", url_name="learning:buddies", label=_("Buddy pairs"), action=Action.VIEW_LEARNING
)
register_instrument(
    "backcasting_canvas",
    url_name="learning:canvases",
    label=_("Backcasting canvases"),
    action=Action.VIEW_LEARNING,
)

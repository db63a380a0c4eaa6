"""Step 1's part of a new CoP's starting point "with examples": an example yield for each level,
to rewrite for the CoP's own question."""

from django.utils.translation import gettext as _

from gilde.communities.starters import EXAMPLE, starter_filler

from . import services
from .models import YieldLevel


def example_yields() -> list[tuple[str, str]]:
    return [
        (
            YieldLevel.PARTICIPANT,
            _(
                "Example: every participant has tried a new way of working in their own practice "
                "and can say what it changed."
            ),
        ),
        (
            YieldLevel.ORGANISATION,
            _(
                "Example: at least half of the organisations have taken a result of the CoP into "
                "their own plans or budget."
            ),
        ),
        (
            YieldLevel.FIELD,
            _("Example: an overview of what works, published for others in the field."),
        ),
        (
            YieldLevel.INITIATOR,
            _(
                "Example: an answer to the initiator's question, with the evidence the CoP "
                "gathered on the way."
            ),
        ),
    ]


@starter_filler(EXAMPLE)
def fill_example_yields(community, actor) -> None:
    for level, text in example_yields():
        services.yield_add(community=community, actor=actor, level=level, text=text)

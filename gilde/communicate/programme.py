"""What a programme sees of a CoP's results (gilde.communities.programme_figures): how many results
the register holds per yield level of step 1. Counts of the CoP's products, with no title, no
description and nobody involved; every result counts, also those only the group sees, since a
count says nothing of what a result is."""

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community
from gilde.communities.programme_figures import (
    COUNT,
    Figure,
    FigureDefinition,
    register_programme_figures,
)

from .models import Level

# (label, what the programme learns) per level; the settings page of the CoP lists the sentences.
DEFINED = {
    Level.PARTICIPANT: (
        _("Results for participants"),
        _("How many results the CoP recorded for its participants: a count, nothing more."),
    ),
    Level.ORGANISATION: (
        _("Results for organisations"),
        _("How many results it recorded for the participants' organisations (a count)."),
    ),
    Level.FIELD: (
        _("Results for the field"),
        _("How many results it recorded for the field or system (a count)."),
    ),
    Level.INITIATOR: (
        _("Results for the initiator"),
        _("How many results it recorded for the initiator (a count)."),
    ),
}


def figure_key(level: str) -> str:
    return f"results_{level}"


def result_figures(community: Community, today: date) -> dict[str, Figure]:
    counts = dict(
        community.results.filter(achieved_on__lte=today)
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {figure_key(level): Figure(counts.get(level, 0)) for level in Level.values}


register_programme_figures(
    app="communicate",
    group=_("Results per yield level"),
    definitions=[
        FigureDefinition(figure_key(level), label, explanation, COUNT, 65 + index, total=True)
        for index, (level, (label, explanation)) in enumerate(DEFINED.items())
    ],
    compute=result_figures,
)

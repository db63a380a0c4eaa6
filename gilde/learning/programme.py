"""What a programme sees of a CoP's experiments (gilde.communities.programme_figures): how many
were planned and how many reported back, counted only from experiments their authors share with
the whole CoP (the sharing tiers' "group" and "public"); a private experiment is never counted."""

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community
from gilde.communities.programme_figures import (
    COUNT,
    Figure,
    FigureDefinition,
    register_programme_figures,
)

from .models import ExperimentStatus, Tier

SHARED_TIERS = (Tier.GROUP, Tier.PUBLIC)


def experiment_figures(community: Community, today: date) -> dict[str, Figure]:
    tally = (
        community.experiments.filter(tier__in=SHARED_TIERS)
        .exclude(status=ExperimentStatus.DROPPED)
        .aggregate(
            planned=Count("pk"),
            reported=Count("pk", filter=Q(status=ExperimentStatus.DONE)),
            people=Count("membership", distinct=True),
        )
    )
    return {
        "experiments_planned": Figure(tally["planned"], people=tally["people"]),
        "experiments_reported": Figure(tally["reported"], people=tally["people"]),
    }


register_programme_figures(
    app="learning",
    group=_("Experiments"),
    definitions=[
        FigureDefinition(
            "experiments_planned",
            _("Experiments planned"),
            _(
                "How many experiments members share with the whole CoP, from five different "
                "members on (private ones are never counted)."
            ),
            COUNT,
            50,
            total=True,
        ),
        FigureDefinition(
            "experiments_reported",
            _("Experiments reported"),
            _("How many of those were reported as done."),
            COUNT,
            51,
            total=True,
        ),
    ],
    compute=experiment_figures,
)

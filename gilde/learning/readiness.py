"""Step 7's readiness signals (advice only), from one query.

A period is the CoP's meeting cadence: "this period" runs from today to the cadence ahead (the
experiments due by the next meeting), "the last period" the cadence before today.
"""

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gilde.communities.models import Community, Membership, Role
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)
from gilde.core.formatting import percent

from .models import BuddyPeriod, Canvas, CanvasStep, Experiment, ExperimentStatus

EXPERIMENT_SHARE = 0.6
REPORTED_SHARE = 0.5
CANVAS_STEPS = 3


def _count(queryset, field: str = "pk", distinct: bool = False):
    counted = (
        queryset.order_by()
        .values("community_id")
        .annotate(n=Count(field, distinct=distinct))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def learning_facts(community: Community, facts: dict) -> dict:
    """What step 7's signals and workspace need, in one query; cached in `facts`."""
    if "learning" not in facts:
        today = timezone.localdate()
        cadence = timedelta(weeks=community.cadence_weeks)
        mine = {"community_id": OuterRef("pk")}
        live = Experiment.objects.filter(**mine).exclude(status=ExperimentStatus.DROPPED)
        this = live.filter(due_on__gte=today, due_on__lte=today + cadence)
        last = live.filter(due_on__gte=today - cadence, due_on__lt=today)
        steps = (
            CanvasStep.objects.filter(**mine)
            .order_by()
            .values("canvas_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values("n")[:1]
        )
        period = BuddyPeriod.objects.filter(
            **mine, confirmed_at__isnull=False, starts_on__lte=today, ends_on__gte=today
        ).order_by("-starts_on", "-pk")
        row = (
            Community.objects.filter(pk=community.pk)
            .annotate(
                participants=_count(Membership.objects.filter(**mine, role=Role.PARTICIPANT)),
                with_experiment=_count(
                    this.filter(membership__role=Role.PARTICIPANT), "membership", distinct=True
                ),
                last_total=_count(last),
                last_reported=_count(last.filter(reported_at__isnull=False)),
                best_canvas=Coalesce(Subquery(steps, output_field=IntegerField()), Value(0)),
                canvas_count=_count(Canvas.objects.filter(**mine)),
                buddies_until=Subquery(period.values("ends_on")[:1]),
            )
            .values(
                "participants",
                "with_experiment",
                "last_total",
                "last_reported",
                "best_canvas",
                "canvas_count",
                "buddies_until",
            )
            .get()
        )
        facts["learning"] = {**row, "today": today, "cadence": cadence}
    return facts["learning"]


@readiness_signal(step=7)
def experiments_this_period(community, facts: dict) -> Signal:
    known = learning_facts(community, facts)
    title = _("Most participants experiment between meetings")
    if not known["participants"]:
        return Signal(
            "experiments_this_period",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("The CoP has no participants yet."),
            "s7-between-meetings",
        )
    share = known["with_experiment"] / known["participants"]
    return Signal(
        "experiments_this_period",
        title,
        SignalStatus.MET if share >= EXPERIMENT_SHARE else SignalStatus.NOT_MET,
        _(
            "%(share)s of the participants have an experiment due this period "
            "(%(count)s of %(total)s). From %(target)s most of the group is trying something."
        )
        % {
            "share": percent(100 * share),
            "count": known["with_experiment"],
            "total": known["participants"],
            "target": percent(100 * EXPERIMENT_SHARE),
        },
        "s7-between-meetings",
    )


@readiness_signal(step=7)
def experiments_reported(community, facts: dict) -> Signal:
    known = learning_facts(community, facts)
    title = _("Experiments are reported back")
    total = known["last_total"]
    if not total:
        return Signal(
            "experiments_reported",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("No experiments were due in the last period."),
            "s7-between-meetings",
        )
    share = known["last_reported"] / total
    return Signal(
        "experiments_reported",
        title,
        SignalStatus.MET if share >= REPORTED_SHARE else SignalStatus.NOT_MET,
        _("%(share)s of the last period's experiments were reported back (%(count)s of %(total)s).")
        % {"share": percent(100 * share), "count": known["last_reported"], "total": total},
        "s7-between-meetings",
    )


@readiness_signal(step=7)
def buddies_set(community, facts: dict) -> Signal:
    until = learning_facts(community, facts)["buddies_until"]
    return Signal(
        "buddies_set",
        _("Buddy pairs for this period"),
        SignalStatus.MET if until else SignalStatus.NOT_MET,
        (
            _("Buddy pairs are set until %(date)s.") % {"date": date_format(until, "j F Y")}
            if until
            else _("No confirmed buddy pairs run today.")
        ),
        "s7-extra-buddies",
    )


@readiness_signal(step=7)
def canvas_with_steps(community, facts: dict) -> Signal:
    known = learning_facts(community, facts)
    best = known["best_canvas"]
    return Signal(
        "canvas_with_steps",
        _("A backcasting canvas with steps back to today"),
        SignalStatus.MET if best >= CANVAS_STEPS else SignalStatus.NOT_MET,
        (
            _("The fullest canvas has %(count)s steps; from %(target)s it shows a path.")
            % {"count": best, "target": CANVAS_STEPS}
            if known["canvas_count"]
            else _("There is no backcasting canvas yet.")
        ),
        "s7-backcasting",
    )


@step_data(step=7)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP has experiments, buddy periods or a backcasting canvas."""
    return any_exists(
        Experiment.objects.filter(community=community),
        BuddyPeriod.objects.filter(community=community),
        Canvas.objects.filter(community=community, versions__isnull=False),
    )

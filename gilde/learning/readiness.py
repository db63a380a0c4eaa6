"""Step 7's readiness signals (advice only)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gilde.communities.models import Role
from gilde.communities.readiness import Signal, SignalStatus, readiness_signal
from gilde.core.formatting import percent

from .models import ExperimentStatus
from .selectors import canvases_of, current_period, period_bounds

EXPERIMENT_SHARE = 0.6
REPORTED_SHARE = 0.5
CANVAS_STEPS = 3


def learning_facts(community, facts: dict) -> dict:
    """What step 7's signals and workspace need, fetched once per page; cached in `facts`."""
    if "learning" not in facts:
        previous, start, end = period_bounds(community)
        experiments = list(
            community.experiments.filter(due_on__gte=previous, due_on__lte=end).values(
                "membership_id", "membership__role", "status", "due_on", "reported_at"
            )
        )
        # An experiment due at a meeting belongs to the period that ends there.
        this = [e for e in experiments if start < e["due_on"] <= end]
        last = [e for e in experiments if previous < e["due_on"] <= start]
        participants = community.memberships.filter(role=Role.PARTICIPANT).count()
        facts["learning"] = {
            "previous": previous,
            "start": start,
            "end": end,
            "this": this,
            "last": last,
            "participants": participants,
            "with_experiment": len(
                {
                    e["membership_id"]
                    for e in this
                    if e["membership__role"] == Role.PARTICIPANT
                    and e["status"] != ExperimentStatus.DROPPED
                }
            ),
            "period": current_period(community, timezone.localdate()),
            "canvases": list(canvases_of(community)),
        }
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
    last = [e for e in known["last"] if e["status"] != ExperimentStatus.DROPPED]
    if not last:
        return Signal(
            "experiments_reported",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("No experiments were due in the last period."),
            "s7-between-meetings",
        )
    reported = sum(1 for e in last if e["reported_at"] is not None)
    share = reported / len(last)
    return Signal(
        "experiments_reported",
        title,
        SignalStatus.MET if share >= REPORTED_SHARE else SignalStatus.NOT_MET,
        _("%(share)s of the last period's experiments were reported back (%(count)s of %(total)s).")
        % {"share": percent(100 * share), "count": reported, "total": len(last)},
        "s7-between-meetings",
    )


@readiness_signal(step=7)
def buddies_set(community, facts: dict) -> Signal:
    known = learning_facts(community, facts)
    period = known["period"]
    return Signal(
        "buddies_set",
        _("Buddy pairs for this period"),
        SignalStatus.MET if period else SignalStatus.NOT_MET,
        (
            _("Buddy pairs are set until %(date)s.")
            % {"date": date_format(period.ends_on, "j F Y")}
            if period
            else _("No confirmed buddy pairs run today.")
        ),
        "s7-extra-buddies",
    )


@readiness_signal(step=7)
def canvas_with_steps(community, facts: dict) -> Signal:
    known = learning_facts(community, facts)
    best = max((c.step_count for c in known["canvases"]), default=0)
    return Signal(
        "canvas_with_steps",
        _("A backcasting canvas with steps back to today"),
        SignalStatus.MET if best >= CANVAS_STEPS else SignalStatus.NOT_MET,
        (
            _("The fullest canvas has %(count)s steps; from %(target)s it shows a path.")
            % {"count": best, "target": CANVAS_STEPS}
            if known["canvases"]
            else _("There is no backcasting canvas yet.")
        ),
        "s7-backcasting",
    )

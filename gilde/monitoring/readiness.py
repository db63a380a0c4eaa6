"""Step 6's readiness signals (advice only): a recent monitoring cycle, network answers from at
least half of the participants, a system analysis at the start and after the midpoint, and a
value story that reaches applied value or beyond."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gilde.communities.calendar import meetings_of
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)

from .models import (
    APPLIED_OR_BEYOND,
    TIS_THRESHOLD,
    CycleStatus,
    MomentKind,
    MonitoringCycle,
    NetworkAnswer,
    SharingTier,
    TisMoment,
    ValueStory,
)
from .selectors import network_answer_counts

RECENT_MEETINGS = 4
START_WINDOW = timedelta(days=92)  # a moment in the first three months counts as "at the start"


def monitoring_facts(community, facts: dict) -> dict:
    """What step 6's signals and workspace share, cached in `facts`: one query for the CoP's own
    monitoring data; the meetings (one more, and one for the answers) only once there is data to
    set beside them. Without any, the signals say "not met" rather than spend queries on the
    rail of a CoP that has not begun step 6."""
    if "monitoring" not in facts:
        start = community.start_date
        midpoint = start + (community.end_date - start) / 2
        qualified = (
            TisMoment.objects.filter(community=OuterRef("pk"))
            .annotate(n=Count("answers"))
            .filter(n__gte=TIS_THRESHOLD)
        )
        row = (
            type(community)
            .objects.filter(pk=community.pk)
            .annotate(
                last_closed=Subquery(
                    MonitoringCycle.objects.filter(
                        community=OuterRef("pk"), status=CycleStatus.CLOSED
                    )
                    .order_by("-closed_at")
                    .values("closed_at")[:1]
                ),
                answered=Exists(NetworkAnswer.objects.filter(community=OuterRef("pk"))),
                tis_start=Exists(
                    qualified.filter(Q(kind=MomentKind.START) | Q(held_on__lt=start + START_WINDOW))
                ),
                tis_after=Exists(qualified.filter(held_on__gte=midpoint)),
                applied=Subquery(
                    ValueStory.objects.filter(community=OuterRef("pk"))
                    .exclude(tier=SharingTier.PRIVATE)
                    .filter(parts__cycle__in=APPLIED_OR_BEYOND)
                    .values("community")
                    .annotate(n=Count("pk", distinct=True))
                    .values("n")[:1]
                ),
            )
            .values("last_closed", "answered", "tis_start", "tis_after", "applied")
            .get()
        )
        facts["monitoring"] = {**row, "midpoint": midpoint, "past": None}
    return facts["monitoring"]


def past_meetings(community, facts: dict) -> list:
    known = monitoring_facts(community, facts)
    if known["past"] is None:
        now = timezone.now()
        known["past"] = [
            ref for ref in meetings_of(community) if not ref.cancelled and ref.ends_at <= now
        ]
    return known["past"]


@readiness_signal(step=6)
def cycle_closed_recently(community, facts: dict) -> Signal:
    title = _("A monitoring cycle closed within the last four meetings")
    last_closed = monitoring_facts(community, facts)["last_closed"]
    met = False
    if last_closed is not None:
        past = past_meetings(community, facts)
        since = past[-RECENT_MEETINGS].starts_at if len(past) >= RECENT_MEETINGS else None
        met = since is None or last_closed >= since
    return Signal(
        "cycle_recent",
        title,
        SignalStatus.MET if met else SignalStatus.NOT_MET,
        _("A cycle was closed with the group's reflection recently.")
        if met
        else _("Close a cycle with the group's reflection at least every four meetings."),
        "s6-process",
    )


@readiness_signal(step=6)
def network_answers(community, facts: dict) -> Signal:
    title = _("Half of the participants answered the network question")
    if not monitoring_facts(community, facts)["answered"]:
        return Signal(
            "network_answers",
            title,
            SignalStatus.NOT_MET,
            _("Nobody has answered the network question after a meeting yet."),
            "s6-social-map",
        )
    past = past_meetings(community, facts)
    answered, participants = network_answer_counts(community, past[-1].id) if past else (0, 0)
    if not participants:
        return Signal(
            "network_answers",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("The CoP has no participants yet."),
            "s6-social-map",
        )
    return Signal(
        "network_answers",
        title,
        SignalStatus.MET if 2 * answered >= participants else SignalStatus.NOT_MET,
        _("%(answered)s of %(participants)s participants answered after %(meeting)s.")
        % {"answered": answered, "participants": participants, "meeting": past[-1].title},
        "s6-social-map",
    )


@readiness_signal(step=6)
def tis_start_and_midpoint(community, facts: dict) -> Signal:
    title = _("A system analysis at the start and one after the midpoint")
    known = monitoring_facts(community, facts)
    at_start, after_midpoint = known["tis_start"], known["tis_after"]
    status = SignalStatus.MET if at_start and after_midpoint else SignalStatus.NOT_MET
    if at_start and not after_midpoint:
        text = _("There is a moment at the start; score again after %(date)s.") % {
            "date": date_format(known["midpoint"], "j F Y")
        }
    elif status == SignalStatus.MET:
        text = _("Moments at the start and after the midpoint have results.")
    else:
        text = _(
            "Score the seven functions with at least %(n)s respondents at the start, and again "
            "after the midpoint."
        ) % {"n": TIS_THRESHOLD}
    return Signal("tis_moments", title, status, text, "s6-system-analysis")


@readiness_signal(step=6)
def story_applied(community, facts: dict) -> Signal:
    count = monitoring_facts(community, facts)["applied"] or 0
    return Signal(
        "story_applied",
        _("A value story reaches applied value or beyond"),
        SignalStatus.MET if count else SignalStatus.NOT_MET,
        _("%(count)s shared stories tell what changed in practice or beyond.") % {"count": count}
        if count
        else _("No shared story yet tells what changed in practice."),
        "s6-extra-value-stories",
    )


@step_data(step=6)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP started a monitoring cycle, drew ties, wrote a value story or held
    a TIS moment."""
    from .models import Tie

    return any_exists(
        Tie.objects.filter(community=community),
        *(
            model.objects.filter(community=community)
            for model in (MonitoringCycle, ValueStory, TisMoment)
        ),
    )

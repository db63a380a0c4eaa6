"""Step 6's readiness signals (advice only): a recent monitoring cycle, network answers from at
least half of the participants, a system analysis at the start and after the midpoint, and a
value story that reaches applied value or beyond."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gilde.communities.meeting_sections import meetings_of
from gilde.communities.readiness import Signal, SignalStatus, readiness_signal

from .models import APPLIED_OR_BEYOND, TIS_THRESHOLD, CycleStatus, MomentKind, SharingTier
from .selectors import network_answer_counts

RECENT_MEETINGS = 4
START_WINDOW = timedelta(days=92)  # a moment in the first three months counts as "at the start"


def monitoring_facts(community, facts: dict) -> dict:
    """The past meetings, shared by step 6's signals and its workspace; cached in `facts`."""
    if "monitoring" not in facts:
        now = timezone.now()
        past = [ref for ref in meetings_of(community) if not ref.cancelled and ref.ends_at <= now]
        facts["monitoring"] = {"past": past}
    return facts["monitoring"]


@readiness_signal(step=6)
def cycle_closed_recently(community, facts: dict) -> Signal:
    past = monitoring_facts(community, facts)["past"]
    title = _("A monitoring cycle closed within the last four meetings")
    if not past:
        return Signal(
            "cycle_recent",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("No meeting has been held yet."),
            "s6-process",
        )
    since = past[-RECENT_MEETINGS].starts_at if len(past) >= RECENT_MEETINGS else None
    closed = community.monitoring_cycles.filter(status=CycleStatus.CLOSED)
    if since is not None:
        closed = closed.filter(closed_at__gte=since)
    met = closed.exists()
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
    past = monitoring_facts(community, facts)["past"]
    title = _("Half of the participants answered the network question")
    if not past:
        return Signal(
            "network_answers",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("No meeting has been held yet."),
            "s6-social-map",
        )
    answered, participants = network_answer_counts(community, past[-1].id)
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
    start = community.start_date
    midpoint = start + (community.end_date - start) / 2
    moments = list(
        community.tis_moments.annotate(n=Count("responses"))
        .filter(n__gte=TIS_THRESHOLD)
        .values_list("kind", "held_on")
    )
    at_start = any(
        kind == MomentKind.START or held_on < start + START_WINDOW for kind, held_on in moments
    )
    after_midpoint = any(held_on >= midpoint for _kind, held_on in moments)
    status = SignalStatus.MET if at_start and after_midpoint else SignalStatus.NOT_MET
    if at_start and not after_midpoint:
        text = _("There is a moment at the start; score again after %(date)s.") % {
            "date": date_format(midpoint, "j F Y")
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
    count = (
        community.value_stories.exclude(tier=SharingTier.PRIVATE)
        .filter(parts__cycle__in=APPLIED_OR_BEYOND)
        .distinct()
        .count()
    )
    return Signal(
        "story_applied",
        _("A value story reaches applied value or beyond"),
        SignalStatus.MET if count else SignalStatus.NOT_MET,
        _("%(count)s shared stories tell what changed in practice or beyond.") % {"count": count}
        if count
        else _("No shared story yet tells what changed in practice."),
        "s6-extra-value-stories",
    )

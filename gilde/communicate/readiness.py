"""Step 8's readiness signals (advice only): a result for every yield level step 1 named; every
audience in the plan with a message and a moment; a report shared with the organisations after
the midpoint; the public page or the field report ready before the end date."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.evidence import Period, evidence_for
from gilde.communities.models import Community
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)

from .models import Level, PlanItem, PublicPage, Report, ReportAudience


def step8_facts(community: Community, facts: dict) -> dict:
    """What the signals and the workspace share: a few counts, fetched once."""
    if "step8" not in facts:
        tz = timezone.get_current_timezone()
        period = Period(
            timezone.make_aware(datetime.combine(community.start_date, time.min), tz),
            timezone.now(),
        )
        intended = {
            item.level
            for group in evidence_for(community, period, keys=["question.yields"])
            for item in group.items
        }
        levels = list(community.results.values_list("level", flat=True))
        plan = list(
            PlanItem.objects.filter(community=community).only("audience", "message", "moment")
        )
        reports = list(
            Report.objects.filter(community=community).only("audience", "shared_at", "built_at")
        )
        facts["step8"] = {
            "intended_levels": intended,
            "result_levels": set(levels),
            "results": len(levels),
            "plan": plan,
            "reports": reports,
            "public": PublicPage.objects.filter(community=community, enabled=True).exists(),
        }
    return facts["step8"]


@readiness_signal(step=8)
def results_per_level(community: Community, facts: dict) -> Signal:
    data = step8_facts(community, facts)
    title = _("A result for every yield level step 1 named")
    if not data["intended_levels"]:
        return Signal(
            "results_per_level",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("Step 1 names no intended yields yet."),
        )
    missing = [
        str(Level(level).label)
        for level in Level.values
        if level in data["intended_levels"] - data["result_levels"]
    ]
    if missing:
        return Signal(
            "results_per_level",
            title,
            SignalStatus.NOT_MET,
            _("No result yet for: %(levels)s.") % {"levels": ", ".join(missing)},
        )
    return Signal(
        "results_per_level", title, SignalStatus.MET, _("Every level has at least one result.")
    )


@readiness_signal(step=8)
def plan_complete(community: Community, facts: dict) -> Signal:
    plan = step8_facts(community, facts)["plan"]
    title = _("Every audience in the plan has a message and a moment")
    if not plan:
        return Signal(
            "plan_complete", title, SignalStatus.NOT_MET, _("The communication plan is empty.")
        )
    incomplete = sum(1 for item in plan if not item.message.strip() or item.moment is None)
    if incomplete:
        return Signal(
            "plan_complete",
            title,
            SignalStatus.NOT_MET,
            _("%(count)s lines of the plan lack a message or a moment.") % {"count": incomplete},
        )
    return Signal("plan_complete", title, SignalStatus.MET, _("The plan is complete."))


def _midpoint(community: Community):
    return community.start_date + (community.end_date - community.start_date) / 2


@readiness_signal(step=8)
def organisations_informed(community: Community, facts: dict) -> Signal:
    title = _("A report shared with the participants' organisations after the midpoint")
    midpoint = _midpoint(community)
    if timezone.localdate() < midpoint:
        return Signal(
            "organisations_informed",
            title,
            SignalStatus.NOT_APPLICABLE,
            _("The CoP has not reached its midpoint yet."),
        )
    shared = any(
        r.audience == ReportAudience.ORGANISATION and r.shared_at and r.shared_at >= midpoint
        for r in step8_facts(community, facts)["reports"]
    )
    if shared:
        return Signal("organisations_informed", title, SignalStatus.MET, _("A report was shared."))
    return Signal(
        "organisations_informed",
        title,
        SignalStatus.NOT_MET,
        _("Make a report for an organisation and mark it shared once it is sent."),
    )


@readiness_signal(step=8)
def public_ready(community: Community, facts: dict) -> Signal:
    data = step8_facts(community, facts)
    title = _("The public page or the field report ready before the end date")
    ready = data["public"] or any(
        r.audience == ReportAudience.FIELD and r.built_at for r in data["reports"]
    )
    if ready:
        return Signal("public_ready", title, SignalStatus.MET, _("The field can read the results."))
    return Signal(
        "public_ready",
        title,
        SignalStatus.NOT_MET,
        _("Switch on the public results page or make the report for the field."),
    )


@step_data(step=8)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP registered a result, planned a message or made a report."""
    from .models import PlanItem, Report, Result

    return any_exists(
        *(model.objects.filter(community=community) for model in (Result, PlanItem, Report))
    )

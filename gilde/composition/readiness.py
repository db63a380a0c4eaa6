"""Step 2's readiness signals: is the group composed as the toolbox advises?"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gilde.communities.models import Community
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)

from .diversity import blau
from .models import Intake
from .selectors import group_members

BLAU_ORGANISATIONS = 0.7


def _intake_done(membership) -> bool:
    try:
        return membership.intake.done_at is not None
    except Intake.DoesNotExist:
        return False


def _status(met: bool) -> SignalStatus:
    return SignalStatus.MET if met else SignalStatus.NOT_MET


def _group(community: Community, facts: dict):
    if "group" not in facts:
        facts["group"] = group_members(community)
    return facts["group"]


@readiness_signal(step=2)
def group_size(community: Community, facts: dict) -> Signal:
    count = len(_group(community, facts))
    low, high = round(community.target_size * 0.75), round(community.target_size * 1.25)
    return Signal(
        key="group_size",
        title=_("Group size near the target"),
        status=_status(low <= count <= high),
        explanation=_(
            "Participants: %(count)s. The target is %(target)s, so anything from %(low)s to "
            "%(high)s works well."
        )
        % {"count": count, "target": community.target_size, "low": low, "high": high},
        tip_id="s2-diversity",
    )


@readiness_signal(step=2)
def organisations_diverse(community: Community, facts: dict) -> Signal:
    index = blau(member.organisation for member in _group(community, facts))
    return Signal(
        key="organisations_diverse",
        title=_("Participants from many organisations"),
        status=_status(index >= BLAU_ORGANISATIONS),
        explanation=_("Blau's index over organisations is %(index)s; %(goal)s or more is the aim.")
        % {
            "index": number_format(index, 2),
            "goal": number_format(BLAU_ORGANISATIONS, 1),
        },
        tip_id="s2-diversity",
    )


@readiness_signal(step=2)
def practice_and_theory(community: Community, facts: dict) -> Signal:
    kinds = {member.knowledge_type for member in _group(community, facts)}
    met = "both" in kinds or {"practice", "theory"} <= kinds
    return Signal(
        key="practice_and_theory",
        title=_("Both practice and theory present"),
        status=_status(met),
        explanation=_("Knowledge from practice and from theory both have a voice in the group."),
        tip_id="s2-diversity",
    )


@readiness_signal(step=2)
def no_industry_conflict(community: Community, facts: dict) -> Signal:
    members = _group(community, facts)
    if not (members and members[0].membership.one_organisation_per_industry):
        return Signal(
            key="industry_conflict",
            title=_("No competition within an industry"),
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("The CoP has not chosen to admit at most one organisation per industry."),
            tip_id="s2-competition",
        )
    industries: dict[str, set[str]] = {}
    for member in members:
        if member.industry and member.organisation:
            industries.setdefault(member.industry, set()).add(member.organisation)
    clashes = sorted(industry for industry, orgs in industries.items() if len(orgs) > 1)
    return Signal(
        key="industry_conflict",
        title=_("No competition within an industry"),
        status=_status(not clashes),
        explanation=(
            _("Industries with more than one organisation: %(industries)s.")
            % {"industries": ", ".join(clashes)}
            if clashes
            else _("Every industry has one organisation at most.")
        ),
        tip_id="s2-competition",
    )


@readiness_signal(step=2)
def intakes_done(community: Community, facts: dict) -> Signal:
    members = _group(community, facts)
    # The group's query brought each member's intake along (select_related).
    done = sum(1 for m in members if _intake_done(m.membership))
    return Signal(
        key="intakes_done",
        title=_("Every participant has had an intake"),
        status=_status(bool(members) and done == len(members)),
        explanation=_("Intakes done: %(done)s of %(total)s.")
        % {"done": done, "total": len(members)},
        tip_id="s2-extra-intake",
    )


@step_data(step=2)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP has candidates or intakes for step 2."""
    from .models import Candidate

    return any_exists(
        Candidate.objects.filter(community=community),
        Intake.objects.filter(membership__community=community),
    )

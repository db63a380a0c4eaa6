"""Step 5's readiness signals (advice, never a gate): working agreements the group wrote, the
group deciding regularly, roles taken by participants, and peer feedback in use. The share of
agenda items led by participants is the meetings app's signal."""

from django.utils.translation import gettext as _

from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    any_exists,
    readiness_signal,
    step_data,
)

from .facts import ROLE_MEETINGS, decision_facts


@readiness_signal(step=5)
def agreements_by_the_group(community, facts: dict) -> Signal:
    known = decision_facts(community, facts)
    met = known["agreements_written"] and known["agreements_by_group"]
    if met:
        explanation = _("The group wrote its working agreements, or agreed to them in a poll.")
    elif known["agreements_written"]:
        explanation = _(
            "There are working agreements, but no participant wrote them and no poll adopted "
            "them yet: let the group make them its own."
        )
    else:
        explanation = _("There are no working agreements yet.")
    return Signal(
        key="agreements_by_the_group",
        title=_("Working agreements written by the group"),
        status=SignalStatus.MET if met else SignalStatus.NOT_MET,
        explanation=explanation,
        tip_id="s5-joint-decisions",
    )


@readiness_signal(step=5)
def group_decides(community, facts: dict) -> Signal:
    known = decision_facts(community, facts)
    held, decided = known["held"], known["group_decisions"]
    title = _("At least one group decision per three meetings")
    if not held:
        return Signal(
            key="group_decides",
            title=title,
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("No meeting has been held yet."),
            tip_id="s5-joint-decisions",
        )
    return Signal(
        key="group_decides",
        title=title,
        status=SignalStatus.MET if decided * 3 >= held else SignalStatus.NOT_MET,
        explanation=_("Decisions taken by the group: %(decided)s. Meetings held: %(held)s.")
        % {"decided": decided, "held": held},
        tip_id="s5-joint-decisions",
    )


@readiness_signal(step=5)
def participants_take_roles(community, facts: dict) -> Signal:
    known = decision_facts(community, facts)
    roles = known["roles"]
    title = _("Roles taken by at least half of the participants")
    if not known["held"] or not roles["participants"]:
        return Signal(
            key="participants_take_roles",
            title=title,
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("No meeting has been held yet, or there are no participants."),
            tip_id="s5-extra-ownership",
        )
    return Signal(
        key="participants_take_roles",
        title=title,
        status=(
            SignalStatus.MET
            if roles["taking"] * 2 >= roles["participants"]
            else SignalStatus.NOT_MET
        ),
        explanation=_(
            "Participants who took a role in the last held meetings (at most %(meetings)s): "
            "%(taking)s of %(participants)s."
        )
        % {**roles, "meetings": ROLE_MEETINGS},
        tip_id="s5-extra-ownership",
    )


@readiness_signal(step=5)
def feedback_in_use(community, facts: dict) -> Signal:
    known = decision_facts(community, facts)
    use = known["feedback"]
    title = _("Peer feedback used by at least a quarter of the participants")
    if not use["participants"]:
        return Signal(
            key="feedback_in_use",
            title=title,
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("There are no participants yet."),
            tip_id="s5-feedback",
        )
    return Signal(
        key="feedback_in_use",
        title=title,
        status=SignalStatus.MET
        if use["using"] * 4 >= use["participants"]
        else SignalStatus.NOT_MET,
        explanation=_(
            "Participants who asked for feedback or gave it: %(using)s of %(participants)s."
        )
        % use,
        tip_id="s5-feedback",
    )


@step_data(step=5)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP logged a decision, held a poll or shared out meeting roles."""
    from .models import Decision, MeetingRole, Poll

    return any_exists(
        *(model.objects.filter(community=community) for model in (Decision, Poll, MeetingRole))
    )

"""Meetings' readiness signals: step 4 (facilitation arranged) and step 5 (the participants' share
in leading the meetings)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    readiness_signal,
    step_data,
)
from gilde.core.formatting import percent

from .selectors import (
    OWNERSHIP_TARGET,
    facilitation_facts,
    ownership_per_meeting,
    ownership_share,
)


def ownership_facts(community, facts: dict) -> list:
    """Held meetings with an agenda and their participant-led counts; cached in `facts`."""
    if "ownership" not in facts:
        facts["ownership"] = ownership_per_meeting(community=community)
    return facts["ownership"]


@readiness_signal(step=5)
def participants_lead(community, facts: dict) -> Signal:
    meetings = ownership_facts(community, facts)
    share = ownership_share(meetings)
    title = _("Participants lead part of the meetings")
    if share is None:
        return Signal(
            key="participants_lead",
            title=title,
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("No meeting with an agenda has been held yet."),
            tip_id="s5-extra-ownership",
        )
    return Signal(
        key="participants_lead",
        title=title,
        status=SignalStatus.MET if share >= OWNERSHIP_TARGET else SignalStatus.NOT_MET,
        explanation=ngettext(
            "Participants led %(share)s of the agenda items of %(count)s held meeting. "
            "From %(target)s the group carries the meetings together.",
            "Participants led %(share)s of the agenda items of %(count)s held meetings. "
            "From %(target)s the group carries the meetings together.",
            len(meetings),
        )
        % {
            "share": percent(share),
            "count": len(meetings),
            "target": percent(OWNERSHIP_TARGET),
        },
        tip_id="s5-extra-ownership",
    )


@readiness_signal(step=4)
def facilitation_arranged(community, facts: dict) -> Signal:
    """A fixed pair with content and process, or a rotation that staffs every coming meeting."""
    known = facilitation_facts(community=community, facts=facts)
    title = _("Two facilitators: content and process")
    if known["is_rotation"]:
        meetings, staffed = len(known["meetings"]), known["staffed"]
        return Signal(
            key="facilitation_arranged",
            title=title,
            status=SignalStatus.MET if meetings and staffed == meetings else SignalStatus.NOT_MET,
            explanation=(
                _(
                    "A rotation: %(staffed)s of the %(meetings)s coming meetings have two "
                    "facilitators."
                )
                % {"staffed": staffed, "meetings": meetings}
                if meetings
                else _("A rotation is chosen, but no meetings are planned yet.")
            ),
            tip_id="s4-two-facilitators",
        )
    focus = known["focus"]  # facilitators with each focus, fetched with the mode
    met = focus["content"] >= 1 and focus["process"] >= 1
    return Signal(
        key="facilitation_arranged",
        title=title,
        status=SignalStatus.MET if met else SignalStatus.NOT_MET,
        explanation=_(
            "Facilitators with a content focus: %(content)s; with a process focus: %(process)s. "
            "A pair with one of each works well."
        )
        % focus,
        tip_id="s4-two-facilitators",
    )


@step_data(step=4)
def has_data(community, facts: dict) -> bool:
    """Whether the CoP planned any meeting (facilitators are arranged per meeting)."""
    from .models import Meeting

    return Meeting.objects.filter(community=community).exists()

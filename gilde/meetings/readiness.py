"""Step 5's ownership signal: how much of the meetings the participants lead themselves.

Step 4's signal (facilitation arranged) lives with the other foundation signals in
gilde.communities.readiness."""

from django.utils.translation import gettext as _

from gilde.communities.readiness import Signal, SignalStatus, readiness_signal

from .selectors import OWNERSHIP_TARGET, ownership_per_meeting, ownership_share


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
        explanation=_(
            "Participants led %(share)s %% of the agenda items of %(count)s held meetings. "
            "From %(target)s %% the group carries the meetings together."
        )
        % {"share": share, "count": len(meetings), "target": OWNERSHIP_TARGET},
        tip_id="s5-extra-ownership",
    )

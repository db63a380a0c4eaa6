"""Step 3's readiness signals: do the participants' organisations know and back their part?"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.models import Community, Role
from gilde.communities.readiness import (
    Signal,
    SignalStatus,
    readiness_signal,
    step_data,
)
from gilde.core.formatting import percent

# The toolbox's advice, as a share of the participants.
SHARE_NEEDED = 80


@dataclass(frozen=True)
class ImpactFacts:
    participants: int
    informed: int
    agreed: int

    @staticmethod
    def percentage(count: int, total: int) -> int:
        """Rounded down, so 79.9 % never shows as the 80 % it does not reach."""
        return count * 100 // total if total else 0

    @property
    def informed_percentage(self) -> int:
        return self.percentage(self.informed, self.participants)

    @property
    def agreed_percentage(self) -> int:
        return self.percentage(self.agreed, self.participants)


def impact_facts(community: Community, facts: dict) -> ImpactFacts:
    """How many participants there are, and how many have an informed sponsor and an agreed
    contribution; one query, kept in `facts` for the other signal and the workspace."""
    if "impact" not in facts:
        counts = community.memberships.filter(role=Role.PARTICIPANT).aggregate(
            participants=Count("pk"),
            informed=Count("pk", filter=Q(impact__sponsor_informed=True)),
            agreed=Count("pk", filter=Q(impact__contribution_agreed=True)),
        )
        facts["impact"] = ImpactFacts(**counts)
    return facts["impact"]


def _share_signal(*, key: str, title: str, count: int, total: int, tip_id: str) -> Signal:
    if not total:
        return Signal(
            key=key,
            title=title,
            status=SignalStatus.NOT_APPLICABLE,
            explanation=_("There are no participants yet."),
            tip_id=tip_id,
        )
    met = count * 100 >= SHARE_NEEDED * total
    return Signal(
        key=key,
        title=title,
        status=SignalStatus.MET if met else SignalStatus.NOT_MET,
        explanation=ngettext(
            "%(count)s of %(total)s participant (%(percentage)s); the aim is %(aim)s.",
            "%(count)s of %(total)s participants (%(percentage)s); the aim is %(aim)s.",
            total,
        )
        % {
            "count": count,
            "total": total,
            "percentage": percent(ImpactFacts.percentage(count, total)),
            "aim": percent(SHARE_NEEDED),
        },
        tip_id=tip_id,
    )


@readiness_signal(step=3)
def sponsors_informed(community: Community, facts: dict) -> Signal:
    known = impact_facts(community, facts)
    return _share_signal(
        key="sponsors_informed",
        title=_("Sponsors informed"),
        count=known.informed,
        total=known.participants,
        tip_id="s3-extra-sponsor-talk",
    )


@readiness_signal(step=3)
def contribution_agreed(community: Community, facts: dict) -> Signal:
    known = impact_facts(community, facts)
    return _share_signal(
        key="contribution_agreed",
        title=_("Contribution agreed"),
        count=known.agreed,
        total=known.participants,
        tip_id="s3-management-attention",
    )


@step_data(step=3)
def has_data(community, facts: dict) -> bool:
    """Whether any participant's sponsor is informed or contribution agreed, or an
    organisation's commitment is written down (reuses the signals' counts)."""
    from .models import OrganisationCommitment

    known = impact_facts(community, facts)
    return bool(known.informed or known.agreed) or (
        OrganisationCommitment.objects.filter(community=community).exists()
    )

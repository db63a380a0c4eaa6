"""A member as this CoP sees them: their name and the background they bring to the group.

The facts people bring (organisation, sector, function, discipline, practice or theory) live on
their account. A CoP may keep its own profile per member (step 2 does, in composition), which wins
where it is filled in. Any app that needs members with their background asks `member_facts`; the
app that keeps the CoP's profiles registers the provider that applies them (one query for the
whole group). Without a provider, the account's facts are used.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gilde.accounts.models import Organisation

from .models import Community, Membership, Role


@dataclass(frozen=True)
class MemberFacts:
    membership: Membership
    name: str
    organisation: Organisation | None
    sector: str
    function: str
    discipline: str
    knowledge_type: str
    pioneer: str = ""  # pioneer / follower, where the CoP's profile says

    @property
    def role(self) -> str:
        return self.membership.role


Provider = Callable[[Community, Sequence[str]], list[MemberFacts]]
_provider: list[Provider] = []


def register_member_facts(provider: Provider) -> None:
    """Called once, from the app that keeps the CoP's member profiles."""
    _provider[:] = [provider]


def member_facts(community: Community, roles: Sequence[str] = (Role.PARTICIPANT,)):
    """The members with these roles (participants by default), by name, with their facts."""
    if _provider:
        return _provider[0](community, roles)
    memberships = (
        community.memberships.filter(role__in=roles)
        .select_related("user__organisation")
        .order_by("user__name")
    )
    return [
        MemberFacts(
            membership=membership,
            name=membership.user.name or membership.user.email,
            organisation=membership.user.organisation,
            sector=membership.user.sector,
            function=membership.user.function,
            discipline=membership.user.discipline,
            knowledge_type=membership.user.knowledge_type,
        )
        for membership in memberships
    ]

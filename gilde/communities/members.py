"""What apps may know about a CoP's members, without importing the app that keeps it.

The facts people bring (organisation, industry, function, discipline, practice or theory) live on
their account. A CoP may keep its own profile per member (step 2 does, in composition), which wins
where it is filled in, and adds pioneer or follower. Any app that needs members with their
background (impact's overview, buddy pairs, reports) asks `member_facts`; composition registers the
provider that applies its profiles (one query for the whole group). Without a provider, the
account's facts are used.

The same goes for a member's intake answers (`intake_answers`): composition keeps the intake and
registers a reader; without one a member has no intake.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gilde.accounts.models import Organisation

from .models import Community, Membership, Role


@dataclass(frozen=True)
class MemberFacts:
    membership: Membership
    name: str
    organisation: Organisation | None
    industry: str = ""
    function: str = ""
    discipline: str = ""
    knowledge_type: str = ""
    pioneer: str = ""  # pioneer / follower, where the CoP's profile says

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def membership_id(self) -> int:
        return self.membership.pk

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else ""


@dataclass(frozen=True)
class IntakeAnswers:
    learning_questions: str = ""
    practice_case: str = ""


FactsProvider = Callable[[Community, Iterable[str]], list[MemberFacts]]
IntakeProvider = Callable[[Membership], IntakeAnswers | None]

_PROVIDERS: dict[str, Callable] = {}


def register_member_facts(provider: FactsProvider) -> None:
    """Called once, from the app that keeps the CoP's member profiles."""
    _PROVIDERS["facts"] = provider


def register_intake_answers(provider: IntakeProvider) -> None:
    _PROVIDERS["intake"] = provider


def _from_accounts(community: Community, roles: Iterable[str]) -> list[MemberFacts]:
    memberships = (
        community.memberships.filter(role__in=list(roles))
        .select_related("user__organisation")
        .order_by("user__name")
    )
    return [
        MemberFacts(
            membership=membership,
            name=membership.user.name or membership.user.email,
            organisation=membership.user.organisation,
            industry=membership.user.industry,
            function=membership.user.function,
            discipline=membership.user.discipline,
            knowledge_type=membership.user.knowledge_type,
        )
        for membership in memberships
    ]


def member_facts(
    community: Community, roles: Iterable[str] = (Role.PARTICIPANT,)
) -> list[MemberFacts]:
    """The CoP's members with these roles (participants by default), by name, with their facts."""
    provider = _PROVIDERS.get("facts", _from_accounts)
    return provider(community, roles)


def intake_answers(membership: Membership) -> IntakeAnswers | None:
    """The member's intake answers in this CoP, or None when there is no intake."""
    provider = _PROVIDERS.get("intake")
    return provider(membership) if provider else None

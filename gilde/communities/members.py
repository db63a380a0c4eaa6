"""What step apps may know about a CoP's members, without importing the app that keeps it.

A member's facts (organisation, sector, discipline, practice or theory, pioneer or follower) live
on the account, with per-CoP overrides kept by the composition app (step 2). Apps that compute with
them (buddy pairs, reports) call `member_facts`; composition registers its own reading from its
`AppConfig.ready()`. Until it does, the facts come from the accounts alone.

The same goes for a member's intake answers (`intake_answers`): composition keeps the intake and
registers a reader; without one a member has no intake.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import Community, Membership, Role


@dataclass(frozen=True)
class MemberFacts:
    membership_id: int
    name: str
    organisation: str = ""
    sector: str = ""
    discipline: str = ""
    function: str = ""
    knowledge_type: str = ""
    pioneer: str = ""


@dataclass(frozen=True)
class IntakeAnswers:
    learning_questions: str = ""
    practice_case: str = ""


FactsProvider = Callable[[Community, Iterable[str]], list[MemberFacts]]
IntakeProvider = Callable[[Membership], IntakeAnswers | None]

_PROVIDERS: dict[str, Callable] = {}


def register_member_facts(provider: FactsProvider) -> None:
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
            membership_id=m.pk,
            name=m.user.name or m.user.email,
            organisation=m.user.organisation.name if m.user.organisation else "",
            sector=m.user.sector,
            discipline=m.user.discipline,
            function=m.user.function,
            knowledge_type=m.user.knowledge_type,
        )
        for m in memberships
    ]


def member_facts(
    community: Community, roles: Iterable[str] = (Role.PARTICIPANT,)
) -> list[MemberFacts]:
    """The facts of the CoP's members with these roles, ordered by name."""
    provider = _PROVIDERS.get("facts", _from_accounts)
    return provider(community, roles)


def intake_answers(membership: Membership) -> IntakeAnswers | None:
    """The member's intake answers in this CoP, or None when there is no intake."""
    provider = _PROVIDERS.get("intake")
    return provider(membership) if provider else None

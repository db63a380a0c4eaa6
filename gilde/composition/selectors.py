"""Reads for step 2: each member as the composition sees them."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from gilde.accounts.models import Organisation
from gilde.communities.members import MemberFacts
from gilde.communities.models import Community, Membership, Role
from gilde.communities.selectors import communities_with_visible_members

from . import diversity
from .models import CompositionSettings, MemberProfile


@dataclass(frozen=True)
class GroupMember:
    """A member's attributes in this CoP: the CoP profile where set, else the account's."""

    membership: Membership
    name: str
    organisation: str
    industry: str
    function: str
    discipline: str
    knowledge_type: str
    pioneer: str

    @property
    def role(self) -> str:
        return self.membership.role


def _effective(membership: Membership) -> GroupMember:
    user = membership.user
    profile = getattr(membership, "profile", None)

    def pick(field: str) -> str:
        own = getattr(profile, field, "") if profile else ""
        return own or getattr(user, field, "")

    organisation = effective_organisation(membership)
    return GroupMember(
        membership=membership,
        name=user.name or user.email,
        organisation=organisation.name if organisation else "",
        industry=pick("industry"),
        function=pick("function"),
        discipline=pick("discipline"),
        knowledge_type=pick("knowledge_type"),
        pioneer=profile.pioneer if profile else "",
    )


def effective_organisation(membership: Membership) -> Organisation | None:
    """The organisation a member represents in this CoP: the CoP profile's, else the account's."""
    profile = getattr(membership, "profile", None)
    if profile is not None and profile.organisation_id:
        return profile.organisation
    return membership.user.organisation


def member_facts(community: Community, roles) -> list[MemberFacts]:
    """The provider of `gilde.communities.members.member_facts`: the CoP's profiles applied."""
    return [
        MemberFacts(
            membership=member.membership,
            name=member.name,
            organisation=effective_organisation(member.membership),
            industry=member.industry,
            function=member.function,
            discipline=member.discipline,
            knowledge_type=member.knowledge_type,
            pioneer=member.pioneer,
        )
        for member in group_members(community, roles)
    ]


def group_members(community: Community, roles=(Role.PARTICIPANT,)) -> list[GroupMember]:
    """The members with these roles (participants by default), in one query. Each membership
    carries its intake and the CoP's one-organisation-per-industry rule along."""
    rule = CompositionSettings.objects.filter(community=OuterRef("community")).values(
        "one_organisation_per_industry"
    )[:1]
    memberships = (
        community.memberships.filter(role__in=roles)
        .select_related("user__organisation", "profile__organisation", "intake")
        .annotate(one_organisation_per_industry=Subquery(rule))
        .order_by("user__name")
    )
    return [_effective(membership) for membership in memberships]


def profile_suggestions(user, kind: str):
    """What members filled in per CoP (organisation or industry), in the CoPs whose member list
    `user` may read: the profile forms suggest them (`gilde.accounts.selectors`)."""
    profiles = MemberProfile.objects.filter(
        membership__community__in=communities_with_visible_members(user)
    )
    if kind == "organisation":
        return profiles.exclude(organisation=None).values_list("organisation__name", flat=True)
    return profiles.exclude(industry="").values_list("industry", flat=True)


def composition_rules(community) -> CompositionSettings:
    """The CoP's rules, unsaved defaults when it never set any (a read never writes)."""
    rules = CompositionSettings.objects.filter(community=community).first()
    return rules or CompositionSettings(community=community)


def summary_context(community, composition: diversity.Composition, rules) -> dict:
    """What `_dashboard_summary.html` shows: size against the target, combined index, guard
    clashes (when the rule is on) and continuity."""
    return {
        "composition": composition,
        "composition_rules": rules,
        "target_low": round(community.target_size * 0.75),
        "target_high": round(community.target_size * 1.25),
    }

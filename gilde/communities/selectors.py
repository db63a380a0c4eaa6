"""Reads about CoPs, shaped for who is asking."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils.translation import npgettext

from gilde.accounts.models import Organisation, User

from .access import Action, roles_with
from .models import Application, ApplicationStatus, Community, Membership, Role

ROLE_ORDER = [Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT, Role.OBSERVER]


def communities_in_directory() -> QuerySet[Community]:
    """CoPs that show themselves to everyone: listed, open or closed."""
    return (
        Community.objects.filter(listed=True)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )


def memberships_of(user) -> QuerySet[Membership]:
    """A person's memberships, CoP included, for "my CoPs"."""
    return (
        Membership.objects.filter(user=user)
        .select_related("community")
        .annotate(member_count=Count("community__memberships"))
        .order_by("community__name")
    )


def community_members(community: Community) -> QuerySet[Membership]:
    return community.memberships.select_related("user__organisation").order_by(
        "user__name", "user__email"
    )


def role_heading(role: str, count: int) -> str:
    """The heading over `count` members with `role`: "Facilitators", or "Facilitator" for one."""
    headings = {
        Role.INITIATOR: npgettext("heading", "Initiator", "Initiators", count),
        Role.FACILITATOR: npgettext("heading", "Facilitator", "Facilitators", count),
        Role.PARTICIPANT: npgettext("heading", "Participant", "Participants", count),
        Role.OBSERVER: npgettext("heading", "Observer", "Observers", count),
    }
    return headings[role]


def members_by_role(community: Community) -> list[tuple[str, str, list[Membership]]]:
    """(role, heading, memberships) for each role that has members, initiators first."""
    grouped: dict[str, list[Membership]] = defaultdict(list)
    for membership in community_members(community):
        grouped[membership.role].append(membership)
    return [
        (role, role_heading(role, len(grouped[role])), grouped[role])
        for role in ROLE_ORDER
        if grouped[role]
    ]


def members_running(community: Community) -> list[tuple[str, str, list[Membership]]]:
    """(role, heading, memberships) for the initiators and facilitators, for the CoP's home.
    One query, however large the group."""
    grouped: dict[str, list[Membership]] = defaultdict(list)
    running = community_members(community).filter(role__in=[Role.INITIATOR, Role.FACILITATOR])
    for membership in running:
        grouped[membership.role].append(membership)
    return [
        (role, role_heading(role, len(grouped[role])), grouped[role])
        for role in (Role.INITIATOR, Role.FACILITATOR)
        if grouped[role]
    ]


def role_counts(community: Community) -> dict[str, int]:
    counts = community.memberships.aggregate(
        **{role: Count("id", filter=Q(role=role)) for role in ROLE_ORDER}
    )
    return counts


def pending_applications(community: Community) -> QuerySet[Application]:
    return community.applications.filter(status=ApplicationStatus.PENDING).select_related(
        "user__organisation"
    )


def application_of(community: Community, user) -> Application | None:
    return community.applications.filter(user=user).order_by("-created_at").first()


def organisation_count(community: Community) -> int:
    return (
        community.memberships.exclude(user__organisation=None)
        .values("user__organisation")
        .distinct()
        .count()
    )


def communities_with_visible_members(user) -> QuerySet[Community]:
    """The CoPs whose member list `user` may read."""
    return Community.objects.filter(
        memberships__user=user, memberships__role__in=roles_with(Action.VIEW_MEMBERS)
    )


def profile_suggestions(user, kind: str) -> QuerySet:
    """The organisations or industries of the people in the CoPs whose member list `user` may read:
    the profile form suggests them (`gilde.accounts.selectors`)."""
    peers = User.objects.filter(memberships__community__in=communities_with_visible_members(user))
    if kind == "organisation":
        return Organisation.objects.filter(people__in=peers).values_list("name", flat=True)
    return peers.exclude(industry="").values_list("industry", flat=True)

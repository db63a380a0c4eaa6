"""Reads for the roles taken at meetings."""

from collections import Counter

from gilde.communities.models import Role

from ..models import MeetingRole, RoleAssignment

ROLE_TAKERS = (Role.PARTICIPANT,)


def roles_of(community, *, active_only: bool = True) -> list[MeetingRole]:
    roles = community.meeting_roles.all()
    if active_only:
        roles = roles.filter(active=True)
    return list(roles.order_by("position", "pk"))


def assignments_by_meeting(community, meeting_ids) -> dict[int, dict[int, RoleAssignment]]:
    """{meeting id: {role id: assignment}} with who took it (one query)."""
    board: dict[int, dict[int, RoleAssignment]] = {}
    ids = list(meeting_ids)
    if not ids:
        return board
    for assignment in RoleAssignment.objects.filter(
        community=community, meeting_id__in=ids
    ).select_related("membership__user", "role"):
        board.setdefault(assignment.meeting_id, {})[assignment.role_id] = assignment
    return board


def roles_board(community, meetings: list, roles: list[MeetingRole] | None = None) -> list:
    """(meeting, [(role, assignment or None)]) for each meeting, roles in their order (two
    queries, one when `roles` are given)."""
    roles = roles_of(community) if roles is None else roles
    board = assignments_by_meeting(community, [meeting.pk for meeting in meetings])
    return [
        (meeting, [(role, board.get(meeting.pk, {}).get(role.pk)) for role in roles])
        for meeting in meetings
    ]


def role_takers(community) -> list:
    """Who the rotation suggests roles to: the participants (roles hand the meetings to them),
    or everyone taking part when there are no participants yet."""
    takers = list(
        community.memberships.filter(role__in=ROLE_TAKERS)
        .select_related("user")
        .order_by("user__name", "pk")
    )
    if takers:
        return takers
    return list(
        community.memberships.exclude(role=Role.OBSERVER)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def role_history(community, meeting_ids) -> tuple[Counter, Counter]:
    """Turns per member, and per (member, role), at the given meetings (one query)."""
    turns: Counter = Counter()
    per_role: Counter = Counter()
    for membership_id, role_id in RoleAssignment.objects.filter(
        community=community, meeting_id__in=list(meeting_ids)
    ).values_list("membership_id", "role_id"):
        turns[membership_id] += 1
        per_role[(membership_id, role_id)] += 1
    return turns, per_role


def participants_with_roles(community, meeting_ids) -> dict:
    """How many participants took a role at the given meetings, of how many (one query)."""
    ids = list(meeting_ids)
    participants = community.memberships.filter(role=Role.PARTICIPANT)
    total = participants.count()
    taking = (
        participants.filter(
            pk__in=RoleAssignment.objects.filter(community=community, meeting_id__in=ids).values(
                "membership_id"
            )
        ).count()
        if ids
        else 0
    )
    return {"taking": taking, "participants": total}

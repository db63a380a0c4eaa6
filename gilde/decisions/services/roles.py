"""Writes for roles per meeting: the CoP's role list, volunteering, assigning, and applying a
rotation suggestion."""

from django.db import IntegrityError, transaction
from django.db.models import Max

from gilde.communities.models import Community, Membership
from gilde.communities.revision import community_touch
from gilde.core.audit import audit_log

from ..models import DEFAULT_ROLES, DecisionSettings, MeetingRole, RoleAssignment
from .errors import DecisionError


@transaction.atomic
def roles_ensure(*, community: Community) -> list[MeetingRole]:
    """The CoP's roles; the first time, the default list (host, timekeeper, note-taker,
    harvester) in the language of whoever asks first. A CoP that removed them keeps them
    removed."""
    settings, _created = DecisionSettings.objects.select_for_update().get_or_create(
        community=community
    )
    if not settings.roles_initialised:
        if not community.meeting_roles.exists():
            MeetingRole.objects.bulk_create(
                MeetingRole(
                    community=community,
                    name=str(name),
                    description=str(description),
                    position=index,
                )
                for index, (name, description) in enumerate(DEFAULT_ROLES)
            )
        settings.roles_initialised = True
        settings.save(update_fields=["roles_initialised"])
    return list(community.meeting_roles.order_by("position", "pk"))


@transaction.atomic
def role_add(*, community: Community, actor, name: str, description: str = "") -> MeetingRole:
    roles_ensure(community=community)
    last = community.meeting_roles.aggregate(last=Max("position"))["last"]
    role = MeetingRole.objects.create(
        community=community,
        name=name,
        description=description,
        position=(last or 0) + 1,
    )
    audit_log(community=community, actor=actor, action="meeting_role.added", name=name)
    return role


@transaction.atomic
def role_update(
    *, role: MeetingRole, actor, name: str, description: str, active: bool
) -> MeetingRole:
    """Rename a role or take it out of use; past meetings keep who took it."""
    role.name, role.description, role.active = name, description, active
    role.save(update_fields=["name", "description", "active"])
    audit_log(community=role.community, actor=actor, action="meeting_role.changed", name=name)
    return role


def role_take(
    *, community: Community, meeting_id: int, role: MeetingRole, membership: Membership
) -> RoleAssignment:
    """A member volunteers for a role at a meeting. Raises DecisionError when someone has it."""
    if not role.active:
        raise DecisionError("role_inactive")
    try:
        with transaction.atomic():
            if RoleAssignment.objects.filter(meeting_id=meeting_id, role=role).exists():
                raise DecisionError("role_taken")
            assignment = RoleAssignment.objects.create(
                community=community,
                meeting_id=meeting_id,
                role=role,
                membership=membership,
                volunteered=True,
            )
            audit_log(
                community=community,
                actor=membership.user,
                action="meeting_role.taken",
                name=role.name,
            )
    except IntegrityError:
        raise DecisionError("role_taken") from None
    return assignment


@transaction.atomic
def role_release(*, assignment: RoleAssignment, actor) -> None:
    audit_log(
        community=assignment.community,
        actor=actor,
        action="meeting_role.released",
        name=assignment.role.name,
    )
    assignment.delete()


@transaction.atomic
def role_assign(
    *,
    community: Community,
    meeting_id: int,
    role: MeetingRole,
    membership: Membership | None,
    actor: Membership,
) -> RoleAssignment | None:
    """A facilitator gives a role at a meeting to a member, or to nobody (None)."""
    current = RoleAssignment.objects.filter(meeting_id=meeting_id, role=role).first()
    if membership is None:
        if current is not None:
            current.delete()
        return None
    if current is not None and current.membership_id == membership.pk:
        return current
    if current is not None:
        current.delete()
    assignment = RoleAssignment.objects.create(
        community=community,
        meeting_id=meeting_id,
        role=role,
        membership=membership,
        assigned_by=actor,
    )
    audit_log(
        community=community,
        actor=actor.user,
        action="meeting_role.assigned",
        name=role.name,
    )
    return assignment


@transaction.atomic
def roles_rotation_apply(
    *, community: Community, actor: Membership | None, plan: dict[tuple[int, int], int | None]
) -> int:
    """Save a rotation suggestion ({(meeting id, role id): membership id}); a role someone took
    in the meantime stays theirs. Returns how many roles were given."""
    roles = {role.pk: role for role in community.meeting_roles.filter(active=True)}
    members = set(community.memberships.values_list("pk", flat=True))
    taken = set(
        RoleAssignment.objects.filter(
            community=community, meeting_id__in={meeting for meeting, _role in plan}
        ).values_list("meeting_id", "role_id")
    )
    created = RoleAssignment.objects.bulk_create(
        RoleAssignment(
            community=community,
            meeting_id=meeting_id,
            role=roles[role_id],
            membership_id=membership_id,
            assigned_by=actor,
        )
        for (meeting_id, role_id), membership_id in plan.items()
        if membership_id in members and role_id in roles and (meeting_id, role_id) not in taken
    )
    if created:
        audit_log(
            community=community,
            actor=actor.user if actor else None,
            action="meeting_roles.rotation",
            count=len(created),
        )
    community_touch(community_id=community.pk)
    return len(created)

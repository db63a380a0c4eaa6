"""Recent activity on a CoP's home, filtered by what the viewer may see.

Those who may read the audit log (initiators and facilitators) see its latest entries as they
are. Everybody else sees only the entries about the group's shared work, which the apps name with
`register_group_activity` (a new version of the question, meetings planned, a step marked done,
someone joining), and never a name they may not read: the person who did it appears by role to
viewers who may not read the member list (`CommunityAccess.member_label`). Entries about
candidates, applications, intakes, profiles, invitations and role changes stay in the audit log.
A registered action's stored data must hold no person's name; the actor is the only person an
entry on the home names.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gilde.core.audit import audit_describe_html
from gilde.core.models import AuditEntry

from .access import Action, CommunityAccess
from .home import HomeSection, home_section

RECENT = 8
_GROUP_ACTIONS: set[str] = set()


def register_group_activity(actions: Iterable[str]) -> None:
    """Show these audit actions to every member on the home (see the module's docstring)."""
    _GROUP_ACTIONS.update(actions)


register_group_activity(
    ["community.created", "member.joined", "invitation.accepted", "step.marked_done"]
)


@dataclass(frozen=True)
class Activity:
    entry: AuditEntry
    actor: str
    sentence: SafeString
    more: int = 0  # how many entries just before it were the same action by the same person


def recent_activity(access: CommunityAccess, limit: int = RECENT) -> list[Activity]:
    """The latest entries this viewer may see, newest first. One query (two for a viewer
    who may not read names)."""
    queryset = access.community.audit_entries.select_related("actor")
    full_log = access.can(Action.VIEW_AUDIT_LOG)
    if not full_log:
        queryset = queryset.filter(action__in=sorted(_GROUP_ACTIONS))
    # A few more than shown: runs of one action by one person (eight yields added in a row) are
    # folded into one line.
    entries = _fold(list(queryset[: limit * 3]))[:limit]
    memberships = {}
    if not access.sees_member_names:
        # Only a viewer who may not read names needs each actor's role in this CoP.
        actor_ids = {entry.actor_id for entry, _more in entries if entry.actor_id}
        memberships = {
            membership.user_id: membership
            for membership in access.community.memberships.filter(
                user_id__in=actor_ids
            ).select_related("user")
        }
    result = []
    for entry, more in entries:
        if entry.actor is None:
            actor = _("Someone")
        elif access.sees_member_names:
            actor = str(entry.actor)
        elif (membership := memberships.get(entry.actor.pk)) is not None:
            actor = access.member_label(membership)
        else:
            actor = _("A former member")
        result.append(Activity(entry, actor, audit_describe_html(entry), more))
    return result


def _fold(entries: list[AuditEntry]) -> list[tuple[AuditEntry, int]]:
    """(entry, how many like it follow) with each run of one action by one actor folded."""
    folded: list[tuple[AuditEntry, int]] = []
    for entry in entries:
        if folded and (folded[-1][0].action, folded[-1][0].actor_id) == (
            entry.action,
            entry.actor_id,
        ):
            folded[-1] = (folded[-1][0], folded[-1][1] + 1)
        else:
            folded.append((entry, 0))
    return folded


@home_section(order=40)
def activity_section(request, access) -> HomeSection | None:
    if not access.is_member:
        return None
    return HomeSection(
        "communities/_home_activity.html",
        {"activities": recent_activity(access), "full_log": access.can(Action.VIEW_AUDIT_LOG)},
    )

"""The communities app's pages, one module per part."""

from .cops import audit, create, detail, directory, mine, plan, plan_pdf, settings_edit
from .invitations import invitation, invitation_register, invitation_revoke, invite
from .members import (
    application_decide,
    apply,
    join,
    leave,
    member_remove,
    member_role,
    members,
)

__all__ = [
    "application_decide",
    "apply",
    "audit",
    "create",
    "detail",
    "directory",
    "invitation",
    "invitation_register",
    "invitation_revoke",
    "invite",
    "join",
    "leave",
    "member_remove",
    "member_role",
    "members",
    "mine",
    "plan",
    "plan_pdf",
    "settings_edit",
]

"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import choice_label, field_names, register_audit_messages

from .activity import register_group_activity
from .models import Community, Role

register_audit_messages(
    {
        "community.created": _("created the CoP"),
        "community.settings_changed": _("changed the settings: %(fields)s"),
        "community.archived": _("archived the CoP: it has ended and can only be read now"),
        "invitation.sent": _("invited %(email)s as %(role)s"),
        "invitation.revoked": _("withdrew the invitation for %(email)s"),
        "invitation.accepted": _("accepted the invitation as %(role)s"),
        "member.joined": _("joined as %(role)s"),
        "application.submitted": _("applied to join"),
        "application.approved": _("approved the application of %(member)s"),
        "application.declined": _("declined the application of %(member)s"),
        "member.role_changed": _(
            "changed the role of %(member)s from %(old_role)s to %(new_role)s"
        ),
        "member.removed": _("removed %(member)s (%(role)s)"),
        "member.left": _("left the CoP"),
        "step.marked_done": _("marked step %(step)s as done: %(note)s"),
        "step.reopened": _("reopened step %(step)s: %(note)s"),
    },
    labels={
        "role": choice_label(Role),
        "old_role": choice_label(Role),
        "new_role": choice_label(Role),
        "fields": field_names(Community),
    },
)

# The home's recent activity shows these to every member (activity.py).
register_group_activity(["step.reopened"])

"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.activity import register_group_activity
from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "work_form.added": _("added the work form %(name)s"),
        "work_form.changed": _("changed the work form %(name)s"),
        "work_form.deleted": _("deleted the work form %(name)s"),
    },
)

# The home's recent activity shows these to every member (communities/activity.py).
register_group_activity(["work_form.added"])

"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.communities.activity import register_group_activity
from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "work_form.added": _("added the work form %(name)s"),
        "work_form.changed": _("changed the work form %(name)s"),
        "work_form.deleted": _("deleted the work form %(name)s"),
        "work_form.shared": _("shared the work form %(name)s with the programme's library"),
        "work_form.unshared": _("stopped sharing the work form %(name)s with the programme"),
        "work_form.copied": _("copied the work form %(name)s from %(origin)s"),
    },
)

# The home's recent activity shows these to every member (communities/activity.py).
register_group_activity(["work_form.added", "work_form.copied"])

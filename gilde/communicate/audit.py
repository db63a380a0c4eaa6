"""The audit-log sentences of step 8's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "result.added": _("added the result %(title)s"),
        "result.changed": _("changed the result %(title)s"),
        "result.deleted": _("deleted the result %(title)s"),
        "plan_item.added": _("added a line to the communication plan"),
        "plan_item.changed": _("changed a line of the communication plan"),
        "plan_item.deleted": _("deleted a line of the communication plan"),
        "plan.defaults": _("added the usual audiences to the communication plan"),
        "report.requested": _("asked for a report for %(audience)s"),
        "public_page.changed": _("changed the public results page"),
    },
)

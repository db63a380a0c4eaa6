"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "meetings.scheduled": _("planned %(count)s meetings (replacing %(replaced)s)"),
        "meeting.changed": _("changed the meeting %(title)s"),
    },
)

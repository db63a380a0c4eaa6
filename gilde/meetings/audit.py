"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "meetings.scheduled": ngettext_lazy(
            "planned %(count)s meeting (replacing %(replaced)s)",
            "planned %(count)s meetings (replacing %(replaced)s)",
            "count",
        ),
        "meeting.changed": _("changed the meeting %(title)s"),
    },
)

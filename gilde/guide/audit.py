"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "work_form.added": _("added the work form %(name)s"),
        "work_form.changed": _("changed the work form %(name)s"),
        "work_form.deleted": _("deleted the work form %(name)s"),
    },
)

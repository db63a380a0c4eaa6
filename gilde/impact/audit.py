"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "impact.changed": _("updated the lasting-impact agreements of %(member)s"),
        "commitment.added": _("recorded the commitment of %(organisation)s"),
        "commitment.changed": _("changed the commitment of %(organisation)s"),
        "commitment.deleted": _("deleted the commitment of %(organisation)s"),
    },
)

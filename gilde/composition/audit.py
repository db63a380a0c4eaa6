"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.core.audit import choice_label, register_audit_messages

from .models import CandidateStatus

register_audit_messages(
    {
        "candidate.added": _("added the candidate %(name)s"),
        "candidate.changed": _("changed the candidate %(name)s"),
        "candidate.moved": _("moved %(name)s to %(status)s"),
        "candidate.joined": _("joined the group as the candidate %(name)s"),
        "candidate.marked_member": _("marked the candidate %(name)s as member"),
        "candidate.deleted": _("deleted the candidate %(name)s"),
        "candidates.imported": ngettext_lazy(
            "imported %(count)s candidate", "imported %(count)s candidates", "count"
        ),
        "profile.changed": _("changed the profile of %(member)s in this CoP"),
        "intake.changed": _("updated the intake of %(member)s"),
        "composition.settings_changed": _("changed the composition rules"),
    },
    labels={"status": choice_label(CandidateStatus)},
)

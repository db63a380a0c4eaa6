"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.core.audit import register_audit_messages

_EVALUATION_MODES = {"named": _("named"), "anonymous": _("anonymous")}


def _mode_label(value: object) -> str:
    return str(_EVALUATION_MODES.get(str(value), value))


register_audit_messages(
    {
        "meetings.scheduled": ngettext_lazy(
            "planned %(count)s meeting (replacing %(replaced)s)",
            "planned %(count)s meetings (replacing %(replaced)s)",
            "count",
        ),
        "meeting.changed": _("changed the meeting %(title)s"),
        "meeting.added": _("planned the meeting %(title)s"),
        "evaluation.mode_changed": _(
            "made evaluations %(mode)s, from the next evaluation that opens"
        ),
        "evaluation.opened_early": _("opened the evaluation of %(title)s early"),
        "evaluation.closed_early": _("closed the evaluation of %(title)s early"),
    },
    labels={"mode": _mode_label},
)

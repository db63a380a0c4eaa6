"""The audit-log sentences of step 7's shared work. Personal items are never audited."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "learning.buddies_confirmed": ngettext_lazy(
            "confirmed %(count)s buddy group for %(starts)s to %(ends)s",
            "confirmed %(count)s buddy groups for %(starts)s to %(ends)s",
            "count",
        ),
        "learning.buddies_removed": _("removed a confirmed round of buddy pairs"),
        "learning.canvas_added": _("started the backcasting canvas %(title)s"),
        "learning.canvas_changed": _(
            "saved version %(number)s of the backcasting canvas %(title)s"
        ),
        "learning.canvas_step_added": _("added the step %(title)s to the canvas %(canvas)s"),
        "learning.canvas_step_changed": _("changed the step %(title)s of the canvas %(canvas)s"),
        "learning.canvas_step_removed": _("removed the step %(title)s from the canvas %(canvas)s"),
        "learning.canvas_step_on_agenda": _("put the step %(title)s on the agenda of %(meeting)s"),
        "learning.experiment_round": ngettext_lazy(
            "put an experiment round with %(count)s experiment on the agenda of %(meeting)s",
            "put an experiment round with %(count)s experiments on the agenda of %(meeting)s",
            "count",
        ),
    }
)

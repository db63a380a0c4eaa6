"""The audit-log sentences of step 5's actions (registered with the core audit log). Votes and
peer feedback leave no entry (see services/__init__.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.core.audit import choice_label, register_audit_messages

from .models import PollKind

register_audit_messages(
    {
        "poll.created": _("started the poll %(title)s (%(kind)s)"),
        "poll.closed": _("closed the poll %(title)s at its closing moment"),
        "poll.closed_early": _("closed the poll %(title)s early"),
        "poll.meeting_planned": _("planned a meeting from the date poll %(title)s"),
        "decision.recorded": _("recorded the decision %(statement)s"),
        "decision.revised": _("revised a decision: %(statement)s"),
        "decisions.settings_changed": _("changed who may read the polls and the decision log"),
        "agreements.changed": _("saved version %(number)s of the working agreements"),
        "agreements.adopted": _(
            "made version %(number)s of the working agreements, as the group agreed"
        ),
        "meeting_role.added": _("added the meeting role %(name)s"),
        "meeting_role.changed": _("changed the meeting role %(name)s"),
        "meeting_role.taken": _("took the role %(name)s at a meeting"),
        "meeting_role.released": _("gave back the role %(name)s at a meeting"),
        "meeting_role.assigned": _("gave the role %(name)s at a meeting"),
        "meeting_roles.rotation": ngettext_lazy(
            "gave %(count)s meeting role by rotation",
            "gave %(count)s meeting roles by rotation",
            "count",
        ),
    },
    labels={"kind": choice_label(PollKind)},
)

"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.communities.activity import register_group_activity
from gilde.core.audit import choice_label, register_audit_messages

from .models import FacilitationMode

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
        "evaluation_question.added": _("added the evaluation question “%(text)s”"),
        "evaluation_question.changed": _("changed the evaluation question “%(text)s”"),
        "evaluation_question.off": _("took the evaluation question “%(text)s” out of use"),
        "evaluation_question.on": _("put the evaluation question “%(text)s” back in use"),
        "evaluation_question.deleted": _("deleted the evaluation question “%(text)s”"),
        "agenda_item.added": _("added “%(item)s” to the agenda of %(meeting)s"),
        "agenda_item.changed": _("changed “%(item)s” on the agenda of %(meeting)s"),
        "agenda_item.deleted": _("removed “%(item)s” from the agenda of %(meeting)s"),
        "agenda_template.saved": _("saved the agenda template “%(name)s”"),
        "agenda_template.applied": _(
            "started the agenda of %(meeting)s from the template “%(name)s”"
        ),
        "agenda_template.deleted": _("deleted the agenda template “%(name)s”"),
        "agenda_proposal.added": _("proposed “%(item)s” for the agenda of %(meeting)s"),
        "agenda_proposal.accepted": _(
            "accepted the proposal “%(item)s” for the agenda of %(meeting)s"
        ),
        "agenda_proposal.declined": _(
            "declined the proposal “%(item)s” for the agenda of %(meeting)s"
        ),
    },
    labels={"mode": _mode_label},
)
register_audit_messages(
    {"facilitation.changed": _("changed how the meetings are facilitated: %(mode)s")},
    labels={"mode": choice_label(FacilitationMode)},
)

# The home's recent activity shows these to every member (communities/activity.py).
register_group_activity(
    ["meetings.scheduled", "meeting.changed", "evaluation.opened_early", "evaluation.closed_early"]
)

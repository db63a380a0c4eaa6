"""The audit-log sentences of this app's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.communities.activity import register_group_activity
from gilde.core.audit import choice_label, register_audit_messages

from .models import YieldLevel

register_audit_messages(
    {
        "question.changed": _("saved version %(number)s of the question: %(note)s"),
        "question.settings_changed": _("changed who may edit the question"),
        "question.comments_requested": ngettext_lazy(
            "asked %(count)s person to comment on the question",
            "asked %(count)s people to comment on the question",
            "count",
        ),
        "urgency_signal.added": _("added the urgency signal %(title)s"),
        "urgency_signal.changed": _("changed the urgency signal %(title)s"),
        "urgency_signal.deleted": _("deleted the urgency signal %(title)s"),
        "yield.added": _("added a yield for %(level)s: %(text)s"),
        "yield.changed": _("changed a yield for %(level)s: %(text)s"),
        "yield.deleted": _("deleted a yield for %(level)s: %(text)s"),
        "stakeholder.added": _("added the stakeholder %(name)s"),
        "stakeholder.changed": _("changed the stakeholder %(name)s"),
        "stakeholder.deleted": _("deleted the stakeholder %(name)s"),
        "party_analysis.changed": _("changed the socio-technical problem analysis of %(name)s"),
        "problem_tree.changed": _("set the central problem: %(text)s"),
        "problem_node.added": _("added to the problem tree: %(text)s"),
        "problem_node.changed": _("changed in the problem tree: %(text)s"),
        "problem_node.deleted": _("deleted from the problem tree: %(text)s"),
        "layers.changed": _("changed the socio-technical layers"),
    },
    labels={"level": choice_label(YieldLevel)},
)

# The home's recent activity shows these to every member (communities/activity.py).
register_group_activity(["question.changed", "yield.added", "urgency_signal.added"])

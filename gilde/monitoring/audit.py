"""The audit-log sentences of step 6's actions (registered with the core audit log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "tie_kind.added": _("added the kind of tie %(name)s"),
        "outside_actor.added": _("added the outside actor %(name)s to the social map"),
        "tie.added": _("added a tie (%(kind)s) to the social map"),
        "tie.changed": _("changed a tie (%(kind)s) on the social map"),
        "tie.removed": _("removed a tie (%(kind)s) from the social map"),
        "ties.imported": _("imported %(count)s ties into the social map"),
        "network.answered": _("answered the network question (%(count)s new ties)"),
        "network.shared": _("shared the named social map with the group"),
        "network.unshared": _("stopped sharing the named social map with the group"),
        "tis.moment_added": _("added the system analysis moment %(title)s"),
        "tis.moment_changed": _("changed the system analysis moment %(title)s"),
        "tis.answered": _("scored the system analysis of %(title)s"),
        "tis.expert_invited": _("invited an outside expert to score %(title)s"),
        "tis.expert_revoked": _("withdrew an outside expert's link to %(title)s"),
        "tis.barrier_linked": _("linked a barrier of %(title)s to an intervention"),
        "value_story.written": _("wrote a value-creation story"),
        "value_story.changed": _("changed a value-creation story"),
        "value_story.deleted": _("deleted a value-creation story"),
        "cycle.opened": _("opened monitoring cycle %(number)s"),
        "cycle.reflected": _("wrote the reflection of monitoring cycle %(number)s"),
        "cycle.closed": _("closed monitoring cycle %(number)s"),
        "follow_up.added": _("agreed a follow-up action in monitoring cycle %(number)s"),
        "follow_up.done": _("ticked off the follow-up action %(text)s"),
        "follow_up.reopened": _("reopened the follow-up action %(text)s"),
        "follow_up.removed": _("removed a follow-up action of monitoring cycle %(number)s"),
    }
)

"""Writing and describing audit entries. Services call `audit_log` inside their transaction."""

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

# Every action a service may log, with the sentence shown after the actor's name in the audit log.
# Placeholders come from the entry's data; unknown keys are shown empty rather than failing.
DESCRIPTIONS = {
    "community.created": _("created the CoP"),
    "community.settings_changed": _("changed the settings: %(fields)s"),
    "invitation.sent": _("invited %(email)s as %(role)s"),
    "invitation.revoked": _("withdrew the invitation for %(email)s"),
    "invitation.accepted": _("accepted the invitation as %(role)s"),
    "member.joined": _("joined as %(role)s"),
    "application.submitted": _("applied to join"),
    "application.approved": _("approved the application of %(member)s"),
    "application.declined": _("declined the application of %(member)s"),
    "member.role_changed": _("changed the role of %(member)s from %(old_role)s to %(new_role)s"),
    "member.removed": _("removed %(member)s (%(role)s)"),
    "member.left": _("left the CoP"),
    "step.marked_done": _("marked step %(step)s as done: %(note)s"),
    "step.reopened": _("reopened step %(step)s: %(note)s"),
    "work_form.added": _("added the work form %(name)s"),
    "work_form.changed": _("changed the work form %(name)s"),
    "work_form.deleted": _("deleted the work form %(name)s"),
    "question.changed": _("saved version %(number)s of the question: %(note)s"),
    "question.settings_changed": _("changed who may edit the question"),
    "question.comments_requested": _("asked %(count)s people to comment on the question"),
    "urgency_signal.added": _("added the urgency signal %(title)s"),
    "urgency_signal.changed": _("changed the urgency signal %(title)s"),
    "urgency_signal.deleted": _("deleted the urgency signal %(title)s"),
    "yield.added": _("added a yield for %(level)s: %(text)s"),
    "yield.changed": _("changed a yield for %(level)s: %(text)s"),
    "yield.deleted": _("deleted a yield for %(level)s: %(text)s"),
    "stakeholder.added": _("added the stakeholder %(name)s"),
    "stakeholder.changed": _("changed the stakeholder %(name)s"),
    "stakeholder.deleted": _("deleted the stakeholder %(name)s"),
    "problem_tree.changed": _("set the central problem: %(text)s"),
    "problem_node.added": _("added to the problem tree: %(text)s"),
    "problem_node.changed": _("changed in the problem tree: %(text)s"),
    "problem_node.deleted": _("deleted from the problem tree: %(text)s"),
    "layers.changed": _("changed the socio-technical layers"),
    "candidate.added": _("added the candidate %(name)s"),
    "candidate.changed": _("changed the candidate %(name)s"),
    "candidate.moved": _("moved %(name)s to %(status)s"),
    "candidate.deleted": _("deleted the candidate %(name)s"),
    "candidates.imported": _("imported %(count)s candidates"),
    "profile.changed": _("changed the profile of %(member)s in this CoP"),
    "intake.changed": _("updated the intake of %(member)s"),
    "composition.settings_changed": _("changed the composition rules"),
    "meetings.scheduled": _("planned %(count)s meetings (replacing %(replaced)s)"),
    "meeting.changed": _("changed the meeting %(title)s"),
    "impact.changed": _("updated the lasting-impact agreements of %(member)s"),
    "commitment.added": _("recorded the commitment of %(organisation)s"),
    "commitment.changed": _("changed the commitment of %(organisation)s"),
    "commitment.deleted": _("deleted the commitment of %(organisation)s"),
}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return ""


def audit_log(*, community, actor, action: str, **data) -> AuditEntry:
    """Record that `actor` did `action` in `community`; `data` fills the description."""
    if action not in DESCRIPTIONS:
        raise ValueError(f"Unknown audit action {action!r}")
    return AuditEntry.objects.create(community=community, actor=actor, action=action, data=data)


def audit_describe(entry: AuditEntry) -> str:
    """The entry as a sentence in the active language; role and field codes become labels."""
    from gilde.communities.models import Community, Role
    from gilde.composition.models import CandidateStatus
    from gilde.question.models import YieldLevel

    data = _Lenient(entry.data)
    for key in ("role", "old_role", "new_role"):
        if data.get(key) in Role.values:
            data[key] = str(Role(data[key]).label).lower()
    if data.get("status") in CandidateStatus.values:
        data["status"] = str(CandidateStatus(data["status"]).label).lower()
    if data.get("level") in YieldLevel.values:
        data["level"] = str(YieldLevel(data["level"]).label).lower()
    if "fields" in data:
        names = []
        for name in data["fields"]:
            try:
                names.append(str(Community._meta.get_field(name).verbose_name))
            except Exception:
                names.append(name)
        data["fields"] = ", ".join(names)
    return str(DESCRIPTIONS.get(entry.action, entry.action)) % data

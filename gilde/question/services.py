"""Writes for step 1. The sheet is saved with optimistic locking: a save names the revision it
started from, and is refused with `StaleEdit` when someone saved in between, so no edit is silently
lost. List items (signals, yields, stakeholders, tree nodes) change one at a time."""

from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log, delete_logged, save_logged
from gilde.core.mail import queue_templated_mail
from gilde.core.throttle import Throttled, throttle_hit
from gilde.core.versioning import StaleEdit, versioned_save
from gilde.notifications.services import notify

from .models import (
    SHEET_FIELDS,
    CommentRequest,
    IntendedYield,
    LayerNotes,
    PartyAnalysis,
    ProblemNode,
    ProblemTree,
    QuestionSheet,
    QuestionVersion,
    Stakeholder,
    UrgencySignal,
    VersionComment,
)


def sheet_for(community: Community) -> QuestionSheet:
    """The CoP's question sheet, created empty the first time it is asked for."""
    sheet, _created = QuestionSheet.objects.get_or_create(community=community)
    return sheet


@transaction.atomic
def question_save(
    *, community: Community, actor, revision: int, note: str = "", **fields
) -> QuestionVersion | None:
    """Save the sheet as a new version; None when nothing changed. Raises StaleEdit."""
    version = versioned_save(
        document=sheet_for(community),
        fields={name: fields[name] for name in SHEET_FIELDS},
        revision=revision,
        versions=community.question_versions.all(),
        create_version=lambda number: QuestionVersion.objects.create(
            community=community, number=number, note=note, author=actor, **fields
        ),
    )
    if version is None:
        return None
    audit_log(
        community=community,
        actor=actor,
        action="question.changed",
        number=version.number,
        note=note,
    )
    return version


@transaction.atomic
def question_settings_save(*, community: Community, actor, group_may_edit: bool) -> None:
    sheet = sheet_for(community)
    if sheet.group_may_edit != group_may_edit:
        sheet.group_may_edit = group_may_edit
        sheet.save(update_fields=["group_may_edit"])
        audit_log(community=community, actor=actor, action="question.settings_changed")


@transaction.atomic
def comment_add(*, version: QuestionVersion, author, body: str) -> VersionComment:
    """Add a comment. When someone asked the author for comments, the request is answered: the
    asker hears of it in the notification centre and by e-mail."""
    comment = VersionComment.objects.create(version=version, author=author, body=body)
    community = version.community
    requests = list(
        CommentRequest.objects.filter(
            community=community, membership__user=author, answered_at__isnull=True
        ).select_related("requested_by")
    )
    if not requests:
        return comment
    CommentRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        answered_at=timezone.now()
    )
    path = reverse("question:version", kwargs={"slug": community.slug, "number": version.number})
    askers = {r.requested_by.pk: r.requested_by for r in requests if r.requested_by}
    for asker in askers.values():
        if asker.pk == author.pk or not community.memberships.filter(user=asker).exists():
            continue
        notify(
            user=asker,
            kind="comments.replied",
            key=f"comment:{comment.pk}:reply:{asker.pk}",
            community=community,
            url=path,
            name=str(author),
            cop=community.name,
        )
        queue_templated_mail(
            template="question/email/comment_reply",
            to=asker.email,
            language=asker.language,
            context={
                "community": community,
                "author": author,
                "comment": comment,
                "version": version,
                "path": path,
            },
        )
    return comment


@transaction.atomic
def comments_request(
    *, community: Community, actor, recipients: list[Membership], message: str = ""
) -> int:
    """E-mail the chosen members an invitation to comment on the current question; returns how
    many were asked. Members who got several requests a short while ago are skipped; raises
    `Throttled` when the sender asked too often."""
    if not throttle_hit(scope="comment_request:client", value=f"user:{actor.pk}"):
        raise Throttled("client")
    version = community.question_versions.order_by("-number").first()
    path = (
        reverse("question:version", kwargs={"slug": community.slug, "number": version.number})
        if version
        else reverse("question:edit", kwargs={"slug": community.slug})
    )
    asked = [
        membership
        for membership in recipients
        if throttle_hit(scope="comment_request:address", value=membership.user.email)
    ]
    for membership in asked:
        request = CommentRequest.objects.create(
            community=community, version=version, membership=membership, requested_by=actor
        )
        notify(
            user=membership.user,
            kind="comments.requested",
            key=f"comment-request:{request.pk}",
            community=community,
            url=path,
            name=str(actor),
            cop=community.name,
        )
        queue_templated_mail(
            template="question/email/comment_request",
            to=membership.user.email,
            language=membership.user.language,
            context={
                "community": community,
                "sender": actor,
                "message": message,
                "version": version,
                "path": path,
            },
        )
    audit_log(
        community=community,
        actor=actor,
        action="question.comments_requested",
        count=len(asked),
    )
    return len(asked)


# Urgency signals


@transaction.atomic
def urgency_signal_add(*, community: Community, actor, **fields) -> UrgencySignal:
    signal = UrgencySignal.objects.create(community=community, added_by=actor, **fields)
    audit_log(community=community, actor=actor, action="urgency_signal.added", title=signal.title)
    return signal


@transaction.atomic
def urgency_signal_update(*, signal: UrgencySignal, actor, **fields) -> UrgencySignal:
    title = fields.get("title", signal.title)
    return save_logged(
        signal,
        fields=fields,
        community=signal.community,
        actor=actor,
        action="urgency_signal.changed",
        title=title,
    )


@transaction.atomic
def urgency_signal_delete(*, signal: UrgencySignal, actor) -> None:
    delete_logged(
        signal,
        community=signal.community,
        actor=actor,
        action="urgency_signal.deleted",
        title=signal.title,
    )


# Intended yields


@transaction.atomic
def yield_add(*, community: Community, actor, level: str, text: str) -> IntendedYield:
    last = community.intended_yields.filter(level=level).aggregate(last=Max("position"))["last"]
    item = IntendedYield.objects.create(
        community=community, level=level, text=text, position=(last or 0) + 1
    )
    audit_log(community=community, actor=actor, action="yield.added", level=level, text=text)
    return item


@transaction.atomic
def yield_update(*, item: IntendedYield, actor, level: str, text: str) -> IntendedYield:
    return save_logged(
        item,
        fields={"level": level, "text": text},
        community=item.community,
        actor=actor,
        action="yield.changed",
        level=level,
        text=text,
    )


@transaction.atomic
def yield_delete(*, item: IntendedYield, actor) -> None:
    delete_logged(
        item,
        community=item.community,
        actor=actor,
        action="yield.deleted",
        level=item.level,
        text=item.text,
    )


# Stakeholders


@transaction.atomic
def stakeholder_add(*, community: Community, actor, **fields) -> Stakeholder:
    stakeholder = Stakeholder.objects.create(community=community, **fields)
    audit_log(community=community, actor=actor, action="stakeholder.added", name=stakeholder.name)
    return stakeholder


@transaction.atomic
def stakeholder_update(*, stakeholder: Stakeholder, actor, **fields) -> Stakeholder:
    return save_logged(
        stakeholder,
        fields=fields,
        community=stakeholder.community,
        actor=actor,
        action="stakeholder.changed",
        name=fields.get("name", stakeholder.name),
    )


@transaction.atomic
def stakeholder_delete(*, stakeholder: Stakeholder, actor) -> None:
    delete_logged(
        stakeholder,
        community=stakeholder.community,
        actor=actor,
        action="stakeholder.deleted",
        name=stakeholder.name,
    )


@transaction.atomic
def party_analysis_save(
    *,
    stakeholder: Stakeholder,
    actor,
    practices: str,
    alternatives: str,
    barriers: str,
    barrier_kinds: list[str],
) -> PartyAnalysis:
    """The socio-technical problem analysis of one party: its current practices, the
    alternatives, and why it does not take them up (with the kinds of barrier)."""
    analysis, _created = PartyAnalysis.objects.update_or_create(
        stakeholder=stakeholder,
        defaults={
            "practices": practices,
            "alternatives": alternatives,
            "barriers": barriers,
            "barrier_kinds": list(barrier_kinds),
            "updated_at": timezone.now(),
        },
    )
    audit_log(
        community=stakeholder.community,
        actor=actor,
        action="party_analysis.changed",
        name=stakeholder.name,
    )
    return analysis


# Problem tree


@transaction.atomic
def problem_tree_save(*, community: Community, actor, central_problem: str) -> ProblemTree:
    tree, _created = ProblemTree.objects.update_or_create(
        community=community, defaults={"central_problem": central_problem}
    )
    audit_log(community=community, actor=actor, action="problem_tree.changed", text=central_problem)
    return tree


class TreeError(ValueError):
    """A node would break the tree: a foreign parent, a cycle, or a third level."""


def _check_parent(tree: ProblemTree, node: ProblemNode | None, parent: ProblemNode | None, kind):
    if parent is None:
        return
    if parent.tree_id != tree.pk:
        raise TreeError("foreign_parent")
    if parent.parent_id is not None:
        raise TreeError("too_deep")
    if node is not None and (parent.pk == node.pk or node.children.exists()):
        raise TreeError("cycle_or_depth")
    if parent.kind != kind:
        raise TreeError("kind_mismatch")


@transaction.atomic
def problem_node_add(
    *, tree: ProblemTree, actor, kind: str, text: str, parent: ProblemNode | None = None
) -> ProblemNode:
    """A cause or effect of the central problem, or (one level down) of another of its kind."""
    _check_parent(tree, None, parent, kind)
    last = tree.nodes.aggregate(last=Max("position"))["last"] or 0
    node = ProblemNode.objects.create(
        tree=tree, kind=kind, text=text, parent=parent, position=last + 1
    )
    audit_log(community=tree.community, actor=actor, action="problem_node.added", text=text)
    return node


@transaction.atomic
def problem_node_update(
    *, node: ProblemNode, actor, kind: str, text: str, parent: ProblemNode | None
) -> ProblemNode:
    _check_parent(node.tree, node, parent, kind)
    if node.kind != kind and node.children.exists():
        raise TreeError("kind_mismatch")
    node.kind, node.text, node.parent = kind, text, parent
    node.save(update_fields=["kind", "text", "parent"])
    audit_log(community=node.tree.community, actor=actor, action="problem_node.changed", text=text)
    return node


@transaction.atomic
def problem_node_delete(*, node: ProblemNode, actor) -> None:
    """Delete a node; its sub-causes or sub-effects go with it."""
    delete_logged(
        node,
        community=node.tree.community,
        actor=actor,
        action="problem_node.deleted",
        text=node.text,
    )


# Socio-technical layers


def layers_for(community: Community) -> LayerNotes:
    notes, _created = LayerNotes.objects.get_or_create(community=community)
    return notes


@transaction.atomic
def layers_save(*, community: Community, actor, revision: int, **fields) -> LayerNotes:
    """Save the layer notes; raises StaleEdit when someone saved in between."""
    notes = layers_for(community)
    updated = LayerNotes.objects.filter(pk=notes.pk, revision=revision).update(
        revision=F("revision") + 1, **fields
    )
    if not updated:
        notes.refresh_from_db()
        raise StaleEdit(notes)
    audit_log(community=community, actor=actor, action="layers.changed")
    notes.refresh_from_db()
    return notes

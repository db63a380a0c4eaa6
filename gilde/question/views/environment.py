"""Stakeholder grid, problem tree and socio-technical layers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, edit_page, render_cop
from gilde.core.safe_svg import safe_svg
from gilde.core.versioning import conflict_rows, field_labels
from gilde.question import drawing, services
from gilde.question.forms.environment import (
    CentralProblemForm,
    LayersForm,
    NodeForm,
    StakeholderForm,
)
from gilde.question.models import (
    Attitude,
    LayerNotes,
    NodeKind,
    ProblemNode,
    ProblemTree,
)
from gilde.question.selectors import sheet_or_empty
from gilde.question.views.sheet import require_question_editor

QUADRANT_LABELS = {
    drawing.MANAGE_CLOSELY: gettext_lazy("Manage closely"),
    drawing.KEEP_SATISFIED: gettext_lazy("Keep satisfied"),
    drawing.KEEP_INFORMED: gettext_lazy("Keep informed"),
    drawing.MONITOR: gettext_lazy("Monitor"),
}
STAKEHOLDER_FIELDS = ("name", "kind", "organisation", "power", "interest", "attitude", "note")
LAYER_FIELDS = ("niche", "regime", "landscape")


def _can_edit(access) -> bool:
    return access.can_edit_question(sheet_or_empty(access.community).group_may_edit)


# Stakeholders


def grid_svg(stakeholders) -> str:
    """The power/interest grid of these stakeholders, as safe markup."""
    labels = drawing.GridLabels(
        title=_("Power/interest grid"),
        description=ngettext(
            "%(count)s stakeholder placed by interest (to the right) and power (upwards), "
            "on a scale of 1 to 5. The table gives the same data.",
            "%(count)s stakeholders placed by interest (to the right) and power (upwards), "
            "each on a scale of 1 to 5. The table gives the same data.",
            len(stakeholders),
        )
        % {"count": len(stakeholders)},
        interest_axis=_("Interest →"),
        power_axis=_("Power ↑"),
        quadrants={key: str(label) for key, label in QUADRANT_LABELS.items()},
        attitudes={value: str(label) for value, label in Attitude.choices},
    )
    points = [drawing.GridPoint(s.name, s.power, s.interest, s.attitude) for s in stakeholders]
    return safe_svg(drawing.stakeholder_grid_svg(points, labels, uid="stakeholder-grid"))


@community_view(Action.VIEW_QUESTION)
def stakeholders(request, access):
    form = None
    if request.method == "POST":
        require_question_editor(access)
        form = StakeholderForm(request.POST)
        if form.is_valid():
            stakeholder = services.stakeholder_add(
                community=access.community,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in STAKEHOLDER_FIELDS},
            )
            messages.success(
                request, _("%(name)s is added to the grid.") % {"name": stakeholder.name}
            )
            return redirect("question:stakeholders", slug=access.community.slug)
    can_edit = _can_edit(access)
    if form is None and can_edit:
        form = StakeholderForm()
    rows = list(access.community.stakeholders.all())
    for row in rows:
        row.quadrant_label = QUADRANT_LABELS[drawing.quadrant(row.power, row.interest)]
    return render_cop(
        request,
        access,
        "question/stakeholder_list.html",
        stakeholders=rows,
        grid=grid_svg(rows),
        form=form,
        can_edit_question=can_edit,
    )


@community_view(Action.VIEW_QUESTION)
def stakeholder_edit(request, access, pk: int):
    require_question_editor(access)
    stakeholder = get_object_or_404(access.community.stakeholders, pk=pk)
    return edit_page(
        request,
        access,
        form=StakeholderForm(request.POST or None, instance=stakeholder),
        save=lambda data: services.stakeholder_update(
            stakeholder=stakeholder,
            actor=request.user,
            **{name: data[name] for name in STAKEHOLDER_FIELDS},
        ),
        template="question/stakeholder_form.html",
        done=lambda saved: _("%(name)s is saved.") % {"name": saved.name},
        next_url=reverse("question:stakeholders", args=[access.community.slug]),
        stakeholder=stakeholder,
    )


@community_view(Action.VIEW_QUESTION)
def stakeholder_delete(request, access, pk: int):
    require_question_editor(access)
    stakeholder = get_object_or_404(access.community.stakeholders, pk=pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.stakeholder_delete(stakeholder=stakeholder, actor=request.user),
        template="question/stakeholder_confirm_delete.html",
        done=_("%(name)s is removed from the grid.") % {"name": stakeholder.name},
        next_url=reverse("question:stakeholders", args=[access.community.slug]),
        stakeholder=stakeholder,
    )


# Problem tree


def tree_structure(tree: ProblemTree) -> tuple[list, list]:
    """(causes, effects): first-level nodes, each with a `subs` list, in their order."""
    nodes = list(tree.nodes.all())
    by_parent: dict[int | None, list[ProblemNode]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    for node in nodes:
        node.subs = by_parent.get(node.pk, [])
    top = by_parent.get(None, [])
    causes = [node for node in top if node.kind == NodeKind.CAUSE]
    effects = [node for node in top if node.kind == NodeKind.EFFECT]
    return causes, effects


def tree_svg(tree: ProblemTree, causes, effects) -> str:
    def items(nodes):
        return [
            drawing.TreeItem(node.text, tuple(drawing.TreeItem(sub.text) for sub in node.subs))
            for node in nodes
        ]

    labels = drawing.TreeLabels(
        title=_("Problem tree"),
        description=_(
            "The central problem with %(causes)s below it and %(effects)s above it. Read "
            "downwards it answers “why?”, upwards “if … then”. The list gives the same tree."
        )
        % {
            "causes": ngettext("%(count)s cause", "%(count)s causes", len(causes))
            % {"count": len(causes)},
            "effects": ngettext("%(count)s effect", "%(count)s effects", len(effects))
            % {"count": len(effects)},
        },
        effects=_("Effects ↑"),
        causes=_("Causes (why?) ↓"),
    )
    markup = drawing.problem_tree_svg(
        tree.central_problem, items(causes), items(effects), labels, uid="problem-tree"
    )
    return safe_svg(markup)


def _tree_or_none(access) -> ProblemTree | None:
    return ProblemTree.objects.filter(community=access.community).first()


@community_view(Action.VIEW_QUESTION)
def tree(request, access):
    tree = _tree_or_none(access)
    can_edit = _can_edit(access)
    central_form = node_form = None
    if request.method == "POST":
        require_question_editor(access)
        if request.POST.get("part") == "node" and tree is not None:
            node_form = NodeForm(request.POST, tree=tree)
            if node_form.is_valid():
                try:
                    services.problem_node_add(
                        tree=tree,
                        actor=request.user,
                        kind=node_form.cleaned_data["kind"],
                        text=node_form.cleaned_data["text"],
                        parent=node_form.cleaned_data["under"],
                    )
                except services.TreeError as error:
                    node_form.add_tree_error(str(error))
                else:
                    messages.success(request, _("Added to the problem tree."))
                    return redirect("question:tree", slug=access.community.slug)
        else:
            central_form = CentralProblemForm(request.POST, instance=tree)
            if central_form.is_valid():
                services.problem_tree_save(
                    community=access.community,
                    actor=request.user,
                    central_problem=central_form.cleaned_data["central_problem"],
                )
                messages.success(request, _("The central problem is saved."))
                return redirect("question:tree", slug=access.community.slug)
    if can_edit:
        central_form = central_form or CentralProblemForm(instance=tree)
        if tree is not None:
            node_form = node_form or NodeForm(tree=tree)
    causes, effects = tree_structure(tree) if tree else ([], [])
    return render_cop(
        request,
        access,
        "question/tree_detail.html",
        tree=tree,
        causes=causes,
        effects=effects,
        drawing=tree_svg(tree, causes, effects) if tree else "",
        central_form=central_form,
        node_form=node_form,
        can_edit_question=can_edit,
    )


def _node_or_404(access, pk: int) -> ProblemNode:
    return get_object_or_404(
        ProblemNode.objects.select_related("tree"), pk=pk, tree__community=access.community
    )


@community_view(Action.VIEW_QUESTION)
def node_edit(request, access, pk: int):
    require_question_editor(access)
    node = _node_or_404(access, pk)
    initial = {"kind": node.kind, "text": node.text, "under": node.parent_id or ""}
    form = NodeForm(request.POST or None, tree=node.tree, exclude=node, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_node_update(
                node=node,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                parent=form.cleaned_data["under"],
            )
        except services.TreeError as error:
            form.add_tree_error(str(error))
        else:
            messages.success(request, _("The problem tree is saved."))
            return redirect("question:tree", slug=access.community.slug)
    return render_cop(request, access, "question/node_form.html", form=form, node=node)


@community_view(Action.VIEW_QUESTION)
def node_delete(request, access, pk: int):
    require_question_editor(access)
    node = _node_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.problem_node_delete(node=node, actor=request.user),
        template="question/node_confirm_delete.html",
        done=_("Deleted from the problem tree."),
        next_url=reverse("question:tree", args=[access.community.slug]),
        node=node,
        subs=list(node.children.all()),
    )


# Socio-technical layers


@community_view(Action.VIEW_QUESTION)
def layers(request, access):
    notes = LayerNotes.objects.filter(community=access.community).first() or LayerNotes(
        community=access.community
    )
    can_edit = _can_edit(access)
    form = None
    if request.method == "POST":
        require_question_editor(access)
        form = LayersForm(request.POST, instance=notes)
        if form.is_valid():
            yours = {name: form.cleaned_data[name] for name in LAYER_FIELDS}
            try:
                services.layers_save(
                    community=access.community,
                    actor=request.user,
                    revision=form.cleaned_data["revision"],
                    **yours,
                )
            except services.StaleEdit as stale:
                return _layers_conflict(request, access, stale.current, yours)
            messages.success(request, _("The layers are saved."))
            return redirect("question:layers", slug=access.community.slug)
    elif can_edit:
        form = LayersForm(instance=notes, initial={"revision": notes.revision})
    labels = {name: LayerNotes._meta.get_field(name) for name in LAYER_FIELDS}
    return render_cop(
        request,
        access,
        "question/layers_form.html",
        notes=notes,
        form=form,
        layers=[
            (labels[name].verbose_name, labels[name].help_text, getattr(notes, name))
            for name in LAYER_FIELDS
        ],
        can_edit_question=can_edit,
    )


def _layers_conflict(request, access, current: LayerNotes, yours: dict):
    """Someone saved in between: show both texts, and a form with yours on their revision."""
    form = LayersForm(instance=current, initial={**yours, "revision": current.revision})
    rows = conflict_rows(current, yours, field_labels(LayerNotes, LAYER_FIELDS))
    return render_cop(
        request, access, "question/layers_conflict.html", status=409, form=form, rows=rows
    )


urlpatterns = [
    path("c/<slug:slug>/question/stakeholders/", stakeholders, name="stakeholders"),
    path(
        "c/<slug:slug>/question/stakeholders/<int:pk>/edit/",
        stakeholder_edit,
        name="stakeholder_edit",
    ),
    path(
        "c/<slug:slug>/question/stakeholders/<int:pk>/delete/",
        stakeholder_delete,
        name="stakeholder_delete",
    ),
    path("c/<slug:slug>/question/tree/", tree, name="tree"),
    path("c/<slug:slug>/question/tree/nodes/<int:pk>/edit/", node_edit, name="node_edit"),
    path("c/<slug:slug>/question/tree/nodes/<int:pk>/delete/", node_delete, name="node_delete"),
    path("c/<slug:slug>/question/layers/", layers, name="layers"),
]

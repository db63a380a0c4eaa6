from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin
from gilde.question.models import (
    Barrier,
    LayerNotes,
    NodeKind,
    PartyAnalysis,
    ProblemNode,
    ProblemTree,
    Stakeholder,
)

SCORE_ERRORS = {
    "required": _("Give a score from 1 to 5."),
    "invalid": _("Give a score from 1 to 5."),
    "min_value": _("Give a score from 1 to 5."),
    "max_value": _("Give a score from 1 to 5."),
}

# The problem tree's refusals (services.TreeError codes) as sentences for the "under" field.
TREE_ERRORS = {
    "foreign_parent": _("Choose the central problem or a cause or effect of this tree."),
    "too_deep": _(
        "The tree has two levels: put it under the central problem or under a cause or effect "
        "that sits directly under it."
    ),
    "cycle_or_depth": _(
        "This item has sub-items of its own, so it can only sit directly under the central "
        "problem, and never under itself."
    ),
    "kind_mismatch": _(
        "Causes go under causes and effects under effects; an item with sub-items keeps its kind."
    ),
}


def _score_field(label):
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=5,
        error_messages=SCORE_ERRORS,
        help_text=_("1 is low, 5 is high."),
        widget=forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1}),
    )


class StakeholderForm(CleanTextMixin, forms.ModelForm):
    power = _score_field(_("Power (1–5)"))
    interest = _score_field(_("Interest (1–5)"))

    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "organisation", "power", "interest", "attitude", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class CentralProblemForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ProblemTree
        fields = ["central_problem"]
        widgets = {"central_problem": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "central_problem": _("The problem the group agrees on, in one sentence."),
        }


class NodeForm(CleanTextMixin, forms.Form):
    """A cause or effect. `under` offers the central problem and the first-level items; any
    other value is looked up in this tree only, and the service judges where it may go."""

    kind = forms.ChoiceField(label=_("Cause or effect"), choices=NodeKind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=ProblemNode._meta.get_field("text").max_length
    )
    under = forms.CharField(
        label=_("Under"),
        required=False,
        help_text=_(
            "A cause goes under the central problem or under another cause; an effect likewise "
            "under an effect."
        ),
    )

    def __init__(self, *args, tree: ProblemTree, exclude: ProblemNode | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.nodes = {node.pk: node for node in tree.nodes.all()}
        first_level = [
            node
            for node in self.nodes.values()
            if node.parent_id is None and (exclude is None or node.pk != exclude.pk)
        ]
        kinds = dict(NodeKind.choices)
        choices = [("", _("The central problem"))] + [
            (str(node.pk), f"{kinds[node.kind]}: {node.text}")
            for node in sorted(first_level, key=lambda n: (n.kind, n.position, n.pk))
        ]
        self.fields["under"].widget = forms.Select(choices=choices)

    def clean_under(self) -> ProblemNode | None:
        value = self.cleaned_data["under"]
        if not value:
            return None
        try:
            return self.nodes[int(value)]
        except (ValueError, KeyError):
            raise forms.ValidationError(TREE_ERRORS["foreign_parent"]) from None

    def add_tree_error(self, code: str) -> None:
        self.add_error("under", TREE_ERRORS.get(code, TREE_ERRORS["foreign_parent"]))


class LayersForm(CleanTextMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = LayerNotes
        fields = ["niche", "regime", "landscape"]
        widgets = {
            "niche": forms.Textarea(attrs={"rows": 4}),
            "regime": forms.Textarea(attrs={"rows": 4}),
            "landscape": forms.Textarea(attrs={"rows": 4}),
        }


class PartyAnalysisForm(CleanTextMixin, forms.ModelForm):
    barrier_kinds = forms.MultipleChoiceField(
        label=_("Kinds of barrier"),
        choices=Barrier.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick what the reasons come down to; the text says more."),
    )

    class Meta:
        model = PartyAnalysis
        fields = ["practices", "alternatives", "barriers", "barrier_kinds"]
        widgets = {
            "practices": forms.Textarea(attrs={"rows": 3}),
            "alternatives": forms.Textarea(attrs={"rows": 3}),
            "barriers": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_barrier_kinds(self) -> list[str]:
        order = list(Barrier.values)
        return sorted(self.cleaned_data["barrier_kinds"], key=order.index)

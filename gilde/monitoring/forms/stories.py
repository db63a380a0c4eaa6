from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import EXTRA_CYCLES, MAIN_CYCLES, PotentialKind, SharingTier, ValueCycle
from .common import BoundedDateField

# The question each cycle answers, in the order a story follows them.
CYCLE_PROMPTS = {
    ValueCycle.IMMEDIATE: _("What happened? An activity or moment in the CoP."),
    ValueCycle.POTENTIAL: _("What did it give you: a skill, a relation, a tool, an idea?"),
    ValueCycle.APPLIED: _("What did you do differently in your work, and when?"),
    ValueCycle.REALISED: _(
        "What difference did that make, for you, your organisation or the field?"
    ),
    ValueCycle.REFRAMING: _("What do you or your organisation now see differently?"),
    ValueCycle.ENABLING: _("What made this possible: facilitation, time, means, a platform?"),
    ValueCycle.STRATEGIC: _("What did this change in the talk with managers or sponsors?"),
    ValueCycle.ORIENTING: _("How does it fit the wider picture: history, other places, data?"),
}


class ValueStoryForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    told_on = BoundedDateField(label=_("Date"))
    tier = forms.ChoiceField(
        label=_("Who may read it"), choices=SharingTier.choices, initial=SharingTier.FACILITATORS
    )

    def __init__(self, *args, story=None, parts=None, **kwargs):
        super().__init__(*args, **kwargs)
        parts = {part.cycle: part for part in (parts or [])}
        for cycle in MAIN_CYCLES + EXTRA_CYCLES:
            self.fields[f"{cycle}_text"] = forms.CharField(
                label=ValueCycle(cycle).label,
                help_text=CYCLE_PROMPTS[cycle],
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{cycle}_evidence"] = forms.CharField(
                label=_("Indicator or evidence"), required=False, max_length=500
            )
            if cycle in parts:
                self.initial[f"{cycle}_text"] = parts[cycle].text
                self.initial[f"{cycle}_evidence"] = parts[cycle].evidence
        self.fields["potential_kind"] = forms.ChoiceField(
            label=_("Kind of potential value"),
            choices=[("", "—"), *PotentialKind.choices],
            required=False,
        )
        if ValueCycle.POTENTIAL in parts:
            self.initial["potential_kind"] = parts[ValueCycle.POTENTIAL].potential_kind
        if story is not None:
            self.initial.update(title=story.title, told_on=story.told_on, tier=story.tier)

    def cycle_rows(self, cycles):
        return [(self[f"{c}_text"], self[f"{c}_evidence"]) for c in cycles]

    def main_rows(self):
        return self.cycle_rows(MAIN_CYCLES)

    def extra_rows(self):
        return self.cycle_rows(EXTRA_CYCLES)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"{cycle}_text") for cycle in ValueCycle.values):
            raise forms.ValidationError(_("Tell at least one part of the story."))
        for cycle in ValueCycle.values:
            if data.get(f"{cycle}_evidence") and not data.get(f"{cycle}_text"):
                self.add_error(
                    f"{cycle}_text", _("Say what happened before giving evidence for it.")
                )
        return data

    def parts(self) -> dict:
        return {
            cycle: (
                self.cleaned_data.get(f"{cycle}_text", ""),
                self.cleaned_data.get(f"{cycle}_evidence", ""),
                self.cleaned_data.get("potential_kind", ""),
            )
            for cycle in ValueCycle.values
        }

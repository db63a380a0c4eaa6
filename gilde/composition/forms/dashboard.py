"""Forms of the composition dashboard: the what-if selection and the composition rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin


class _LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts any submitted values; the form sorts them into known and unknown."""

    def validate(self, value):
        pass


class WhatIfForm(CleanTextMixin, forms.Form):
    """Candidates to add hypothetically. Ids that are not among `candidates` (another CoP's,
    decided ones, garbage) are set aside in `ignored` rather than failing the whole selection."""

    candidate = _LenientMultipleChoiceField(
        label=_("Candidates"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, *, candidates):
        super().__init__(data)
        self.candidates = {str(candidate.pk): candidate for candidate in candidates}
        self.fields["candidate"].choices = [(pk, str(c)) for pk, c in self.candidates.items()]
        self.ignored = 0

    def clean_candidate(self):
        submitted = list(dict.fromkeys(self.cleaned_data["candidate"]))
        chosen = [self.candidates[value] for value in submitted if value in self.candidates]
        self.ignored = len(submitted) - len(chosen)
        return chosen

    def selected(self) -> list:
        return self.cleaned_data.get("candidate", []) if self.is_valid() else []

    def selected_ids(self) -> set[int]:
        return {candidate.pk for candidate in self.selected()}


class CompositionRulesForm(CleanTextMixin, forms.Form):
    one_organisation_per_industry = forms.BooleanField(
        label=_("At most one organisation per industry"), required=False
    )

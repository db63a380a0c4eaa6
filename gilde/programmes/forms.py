import re

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import SLUG_PATTERN
from gilde.core.forms import CleanTextMixin

from .models import Programme


class ProgrammeForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "slug", "owner_organisation", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "slug": _("Part of the programme's web address: lower-case letters, digits, hyphens."),
        }


class ManagerForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new manager"),
        help_text=_("They need a Gilde account. Managers see figures, never people."),
    )


class InviteForm(CleanTextMixin, forms.Form):
    cop = forms.CharField(
        label=_("Web address of the CoP"),
        max_length=60,
        help_text=_("The part after /c/ in the CoP's address. Its initiator decides."),
    )
    theme = forms.CharField(label=_("Theme"), max_length=80, required=False)
    region = forms.CharField(label=_("Region"), max_length=80, required=False)

    def clean_cop(self) -> str:
        """The address as a CoP's web address; whether a CoP has it is not told here (the view
        answers the same either way, so an unlisted CoP's existence does not leak)."""
        slug = self.cleaned_data["cop"].strip().strip("/").removeprefix("c/").strip("/")
        if not re.fullmatch(SLUG_PATTERN, slug):
            raise forms.ValidationError(
                _("A CoP's web address has lower-case letters, digits and single hyphens only.")
            )
        return slug


class LabelsForm(CleanTextMixin, forms.Form):
    theme = forms.CharField(label=_("Theme"), max_length=80, required=False)
    region = forms.CharField(label=_("Region"), max_length=80, required=False)


class FilterForm(CleanTextMixin, forms.Form):
    """The overview's filters; unknown values are ignored rather than refused."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    start_year = forms.TypedChoiceField(
        label=_("Start year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, themes, regions, years):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["theme"].choices = everything + [(t, t) for t in themes]
        self.fields["region"].choices = everything + [(r, r) for r in regions]
        self.fields["start_year"].choices = everything + [(str(y), str(y)) for y in years]


class ReportForm(CleanTextMixin, forms.Form):
    introduction = forms.CharField(
        label=_("Text of the introduction"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few paragraphs that open the report: what the programme is for, whom it serves."
        ),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin


class AgreementsForm(CleanTextMixin, forms.Form):
    """The working agreements, with the revision they were loaded at and a note on why."""

    text = forms.CharField(
        label=_("Working agreements"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "How we work together: what stays in the group, how we prepare, how we give each "
            "other feedback, how we decide. One agreement per line works well."
        ),
    )
    note = forms.CharField(
        label=_("Why we change it (optional)"),
        max_length=500,
        required=False,
        help_text=_("Shown in the history; a proposal uses it as its context."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CompareForm(CleanTextMixin, forms.Form):
    a = forms.IntegerField(label=_("Older version"), min_value=1)
    b = forms.IntegerField(label=_("Newer version"), min_value=1)

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin, ModelMultipleChoiceField
from gilde.question.models import SHEET_FIELDS, QuestionSheet


class SheetForm(CleanTextMixin, forms.ModelForm):
    """The question sheet, with the revision it was loaded at and a note on why it changed."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Why we changed it (optional)"),
        max_length=500,
        required=False,
        help_text=_("Shown in the question's history."),
    )

    class Meta:
        model = QuestionSheet
        fields = list(SHEET_FIELDS)
        widgets = {
            "core_question": forms.Textarea(attrs={"rows": 2}),
            "domain": forms.Textarea(attrs={"rows": 4}),
            "scope_in": forms.Textarea(attrs={"rows": 4}),
            "scope_out": forms.Textarea(attrs={"rows": 4}),
            "research_questions": forms.Textarea(attrs={"rows": 5}),
            "solved_picture": forms.Textarea(attrs={"rows": 4}),
            "binding": forms.Textarea(attrs={"rows": 3}),
        }


class QuestionSettingsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = QuestionSheet
        fields = ["group_may_edit"]


class CommentForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CommentRequestForm(CleanTextMixin, forms.Form):
    recipients = ModelMultipleChoiceField(
        label=_("Whom to ask"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They receive an e-mail with a link to the current version."),
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = memberships
        self.fields["recipients"].label_from_instance = lambda m: (
            f"{m.user} ({m.role_label.lower()})"
        )


class CompareForm(CleanTextMixin, forms.Form):
    a = forms.IntegerField(label=_("Older version"), min_value=1)
    b = forms.IntegerField(label=_("Newer version"), min_value=1)

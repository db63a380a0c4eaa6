from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gilde.core.forms import CleanTextMixin, ModelMultipleChoiceField

from ..models import MAX_WRITERS, FeedbackRequest, FeedbackSubject


class FeedbackRequestForm(CleanTextMixin, forms.ModelForm):
    writers = ModelMultipleChoiceField(
        label=_("Whom to ask"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One to three people. Only they and you will read what they write."),
    )

    class Meta:
        model = FeedbackRequest
        fields = ["subject", "about", "question"]
        widgets = {
            "subject": forms.RadioSelect,
            "question": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = FeedbackSubject.choices
        self.fields["writers"].queryset = memberships
        self.fields["writers"].label_from_instance = lambda m: f"{m.user} ({m.role_label.lower()})"

    def clean_writers(self):
        writers = self.cleaned_data["writers"]
        if len(writers) > MAX_WRITERS:
            raise forms.ValidationError(
                ngettext("Ask at most %(max)s person.", "Ask at most %(max)s people.", MAX_WRITERS)
                % {"max": MAX_WRITERS}
            )
        return writers


class FeedbackAnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=_("Your feedback"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What did you see, what did it do to you, what would you suggest?"),
    )


class FeedbackCloseForm(CleanTextMixin, forms.Form):
    thanks = forms.CharField(
        label=_("A word of thanks (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

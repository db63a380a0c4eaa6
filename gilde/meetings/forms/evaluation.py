"""Forms for the end-of-meeting evaluation: the answers, the CoP's questions, named or not."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin
from gilde.meetings.models import EvaluationQuestion, MeetingSettings, QuestionKind

FIELD_PREFIX = "q_"
_FIELD_NAME = re.compile(rf"^{FIELD_PREFIX}(.*)$")
# The words for the ends of the scale stand once above the numbers, so five buttons fit a phone.
SCALE_CHOICES = [(str(value), str(value)) for value in range(1, 6)]


class EvaluationForm(CleanTextMixin, forms.Form):
    """One field per active question of the CoP, named `q_<question id>`. Answers to questions
    that are not in the form (another CoP's, switched off, made up) make the form invalid rather
    than being dropped silently: the person would think they were saved.

    A hidden `mode` carries whether the form was shown as a named or an anonymous evaluation;
    the service refuses the answers when that is not the meeting's mode."""

    mode = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, mode: str, **kwargs):
        super().__init__(*args, initial={"mode": mode}, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(
                    label=question.text,
                    choices=SCALE_CHOICES,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "scale__input"}),
                    error_messages={"invalid_choice": _("Choose a number from 1 to 5.")},
                )
            else:
                field = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=3000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            field.question = question
            self.fields[f"{FIELD_PREFIX}{question.pk}"] = field

    def clean(self):
        cleaned = super().clean()
        if self.data:
            unknown = [
                key for key in self.data if _FIELD_NAME.match(key) and key not in self.fields
            ]
            if unknown:
                raise forms.ValidationError(
                    _(
                        "The form contains a question that is not part of this evaluation. "
                        "Reload the page and answer again."
                    ),
                    code="unknown_question",
                )
        if not self.errors and not any(
            cleaned.get(name) not in (None, "") for name in self._question_fields()
        ):
            raise forms.ValidationError(_("Answer at least one question."), code="empty")
        return cleaned

    def _question_fields(self) -> dict:
        return {name: field for name, field in self.fields.items() if hasattr(field, "question")}

    def shown_mode(self) -> str:
        """The mode the form was shown with ("" when the form did not say)."""
        return self.cleaned_data.get("mode") or ""

    def answers(self) -> list[tuple[EvaluationQuestion, int | None, str]]:
        """(question, scale, text) for every answered question."""
        result = []
        for name, field in self._question_fields().items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if field.question.kind == QuestionKind.SCALE:
                result.append((field.question, value, ""))
            else:
                result.append((field.question, None, value.strip()))
        return result

    def items(self):
        """(bound field, is a scale question) per question, for the template."""
        return [
            (self[name], field.question.kind == QuestionKind.SCALE)
            for name, field in self._question_fields().items()
        ]


class EvaluationQuestionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = EvaluationQuestion
        fields = ["text", "kind", "feeds_next_meeting"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "feeds_next_meeting": _(
                "The facilitators see these answers when they prepare the next meeting."
            ),
        }

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.answered = answered
        if answered:
            self.fields["kind"].help_text = _(
                "This question has answers, so its kind stays as it is. Add a new question "
                "for a different kind."
            )

    def clean_text(self):
        return " ".join(self.cleaned_data["text"].split())

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.answered and self.instance.pk and kind != self.instance.kind:
            raise forms.ValidationError(
                _("This question has answers already; add a new question for another kind."),
                code="kind_locked",
            )
        return kind

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("feeds_next_meeting") and cleaned.get("kind") == QuestionKind.SCALE:
            self.add_error(
                "feeds_next_meeting",
                _("Only answers in words can feed the next meeting; choose open text."),
            )
        return cleaned


class EvaluationSettingsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = MeetingSettings
        fields = ["named_evaluations"]

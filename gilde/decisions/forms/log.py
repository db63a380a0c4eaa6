from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import DECISION_KINDS, DecisionSettings, TakenBy
from .common import DATE_WIDGET, id_or_none, local_now, meeting_choices


class DecisionForm(CleanTextMixin, forms.Form):
    """A decision recorded directly, or a revision of one."""

    statement = forms.CharField(
        label=_("The decision, in one sentence"),
        max_length=300,
        help_text=_("E.g. “We invite an expert on procurement to meeting 4.”"),
    )
    rationale = forms.CharField(
        label=_("Why (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    taken_by = forms.ChoiceField(
        label=_("Taken by"), choices=TakenBy.choices, widget=forms.RadioSelect
    )
    meeting = forms.ChoiceField(label=_("In the meeting (optional)"), required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meeting_choices(meetings, _("Not in a meeting"))
        if not self.is_bound:
            self.initial.setdefault("decided_on", local_now().date())
            self.initial.setdefault("taken_by", TakenBy.GROUP)

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value > local_now().date():
            raise forms.ValidationError(_("Record a decision once it is taken: not in the future."))
        return value

    def decision_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "statement": data["statement"],
            "rationale": data["rationale"],
            "taken_by": data["taken_by"],
            "meeting_id": id_or_none(data.get("meeting")),
            "decided_on": data["decided_on"],
        }


class LogFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    meeting = forms.ChoiceField(label=_("Meeting"), required=False)
    kind = forms.ChoiceField(label=_("How it was decided"), required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meeting_choices(meetings, _("Every meeting"))
        self.fields["kind"].choices = [("", _("Every way")), *DECISION_KINDS]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "meeting_id": id_or_none(data.get("meeting")),
            "kind": data.get("kind") or "",
        }


class DecisionSettingsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = DecisionSettings
        fields = ["observers_read"]

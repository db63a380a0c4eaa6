from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import MonitoringCycle
from .common import BoundedDateField
from .network import _MemberChoice


class CycleOpenForm(CleanTextMixin, forms.Form):
    starts_on = BoundedDateField(label=_("From"))
    ends_on = BoundedDateField(label=_("Until"))

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end lies before the start."))
        return data


class ReflectionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = MonitoringCycle
        fields = ["went_well", "to_change"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 5}),
            "to_change": forms.Textarea(attrs={"rows": 5}),
        }


class FollowUpForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = _MemberChoice(label=_("Who"), queryset=None, required=False, empty_label=_("The group"))
    due_on = BoundedDateField(label=_("By when"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class TickForm(CleanTextMixin, forms.Form):
    done = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=300)

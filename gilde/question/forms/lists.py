from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin
from gilde.question.models import IntendedYield, SignalKind, UrgencySignal

# A signal may be announced a little ahead (a report due next month), not years ahead.
MAX_DAYS_AHEAD = 31
EARLIEST_DATE = date(1900, 1, 1)


class UrgencySignalForm(CleanTextMixin, forms.ModelForm):
    source_url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.cbs.nl/…"),
    )

    class Meta:
        model = UrgencySignal
        fields = ["title", "kind", "source_url", "source_reference", "date", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=self._latest_date().isoformat()
        )
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    @staticmethod
    def _latest_date() -> date:
        return timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Choose a date in 1900 or later."))
        if value > self._latest_date():
            raise forms.ValidationError(
                _("The date lies more than %(days)s days ahead. Choose the date of the source."),
                params={"days": MAX_DAYS_AHEAD},
            )
        return value


class SignalFilterForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *SignalKind.choices],
        error_messages={"invalid_choice": _("There is no kind “%(value)s”; showing all kinds.")},
    )


class IntendedYieldForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = IntendedYield
        fields = ["level", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

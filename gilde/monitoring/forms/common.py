from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1990, 1, 1)
LATEST = date(2199, 12, 31)


class BoundedDateField(forms.DateField):
    """A date within reason (1990–2199), so day arithmetic never runs off the calendar."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(min=EARLIEST.isoformat(), max=LATEST.isoformat())

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {"first": EARLIEST.year, "last": LATEST.year}
            )

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import MomentKind, StructuralComponent, TisFunction, TisMoment
from .common import BoundedDateField

SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
BARRIER_ROWS = 3


class TisMomentForm(CleanTextMixin, forms.ModelForm):
    held_on = BoundedDateField(label=_("Date"))
    closes_on = BoundedDateField(
        label=_("Answers close after"),
        help_text=_("Respondents can answer and change their answers until the end of this day."),
    )

    class Meta:
        model = TisMoment
        fields = ["title", "kind", "held_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("closes_on", timezone.localtime(self.instance.closes_at).date())
        else:
            today = timezone.localdate()
            self.initial.setdefault("held_on", today)
            self.initial.setdefault("closes_on", today + timedelta(days=14))
            self.initial.setdefault("kind", MomentKind.START)

    def clean(self):
        data = super().clean()
        held, closes = data.get("held_on"), data.get("closes_on")
        if held and closes and closes < held:
            self.add_error("closes_on", _("The answers cannot close before the moment's date."))
        return data

    @property
    def closes_at(self) -> datetime:
        day = self.cleaned_data["closes_on"] + timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time.min))


class TisAnswerForm(CleanTextMixin, forms.Form):
    """A score from 1 to 5 and a rationale per function, and up to three barriers."""

    def __init__(self, *args, response=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = {s.function: s for s in response.scores.all()} if response else {}
        for function, label in TisFunction.choices:
            self.fields[f"score_{function}"] = forms.TypedChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Give %(function)s a score from 1 to 5.") % {"function": label},
                    "invalid_choice": _("Scores run from 1 to 5."),
                },
            )
            self.fields[f"rationale_{function}"] = forms.CharField(
                label=_("Why this score?"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if function in previous:
                self.initial[f"score_{function}"] = str(previous[function].score)
                self.initial[f"rationale_{function}"] = previous[function].rationale
        barriers = list(response.barriers.all()) if response else []
        for n in range(BARRIER_ROWS):
            self.fields[f"barrier_{n}_function"] = forms.ChoiceField(
                label=_("Function"), choices=[("", "—"), *TisFunction.choices], required=False
            )
            self.fields[f"barrier_{n}_component"] = forms.ChoiceField(
                label=_("Where it sits"),
                choices=[("", "—"), *StructuralComponent.choices],
                required=False,
            )
            self.fields[f"barrier_{n}_description"] = forms.CharField(
                label=_("Barrier"), required=False, max_length=1000
            )
            if n < len(barriers):
                self.initial[f"barrier_{n}_function"] = barriers[n].function
                self.initial[f"barrier_{n}_component"] = barriers[n].component
                self.initial[f"barrier_{n}_description"] = barriers[n].description

    def rows(self):
        return [
            (self[f"score_{function}"], self[f"rationale_{function}"])
            for function in TisFunction.values
        ]

    def barrier_rows(self):
        return [
            (
                self[f"barrier_{n}_function"],
                self[f"barrier_{n}_component"],
                self[f"barrier_{n}_description"],
            )
            for n in range(BARRIER_ROWS)
        ]

    def clean(self):
        data = super().clean()
        for n in range(BARRIER_ROWS):
            text = data.get(f"barrier_{n}_description", "")
            if text and not data.get(f"barrier_{n}_function"):
                self.add_error(
                    f"barrier_{n}_function", _("Say which function this barrier holds back.")
                )
        return data

    def scores(self) -> dict:
        return {
            function: (
                self.cleaned_data[f"score_{function}"],
                self.cleaned_data[f"rationale_{function}"],
            )
            for function in TisFunction.values
        }

    def barriers(self) -> list:
        return [
            (
                self.cleaned_data[f"barrier_{n}_function"],
                self.cleaned_data[f"barrier_{n}_component"],
                self.cleaned_data[f"barrier_{n}_description"],
            )
            for n in range(BARRIER_ROWS)
            if self.cleaned_data.get(f"barrier_{n}_description")
        ]


class TisInvitationForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))


class BarrierLinkForm(CleanTextMixin, forms.Form):
    intervention = forms.ChoiceField(label=_("Intervention"), required=False)
    note = forms.CharField(label=_("What the CoP does about it"), required=False, max_length=300)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = [("", _("No linked intervention"))] + [
            (label, [(item.ref, item.label) for item in items]) for label, items in groups
        ]

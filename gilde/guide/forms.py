from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from . import labels
from .content import STEP_KEYS
from .library import Filters
from .models import CustomWorkForm
from .sharing import WorkFormSharing


def _choices(mapping, empty=None):
    choices = [(code, label) for code, label in mapping.items()]
    return [("", empty), *choices] if empty else choices


def _step_choices(empty=None):
    choices = [(number, _("Step %(number)s") % {"number": number}) for number in STEP_KEYS]
    return [("", empty), *choices] if empty else choices


class LibraryFilterForm(CleanTextMixin, forms.Form):
    """The library's filters, as GET parameters; an unknown value is a field error, not a 500."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=_choices(labels.PURPOSES, _("Any purpose")), required=False
    )
    stage = forms.ChoiceField(
        label=_("Group configuration"),
        choices=_choices(labels.STAGES, _("Any configuration")),
        required=False,
    )
    tgi = forms.ChoiceField(
        label=_("TGI focus"), choices=_choices(labels.TGI, _("Any focus")), required=False
    )
    side = forms.ChoiceField(
        label=_("Side it addresses"),
        choices=_choices(labels.SIDES, _("Any side")),
        required=False,
    )
    step = forms.TypedChoiceField(
        label=_("Step"),
        choices=_step_choices(_("Any step")),
        coerce=int,
        required=False,
        empty_value=None,
    )
    minutes = forms.IntegerField(
        label=_("Fits in (minutes)"), min_value=1, max_value=1440, required=False
    )
    group = forms.IntegerField(label=_("Group size"), min_value=1, max_value=2000, required=False)

    def filters(self) -> Filters:
        """The valid filters; fields with errors are left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Filters(
            query=data.get("q") or "",
            purpose=data.get("purpose") or "",
            stage=data.get("stage") or "",
            tgi=data.get("tgi") or "",
            side=data.get("side") or "",
            step=data.get("step"),
            minutes=data.get("minutes"),
            group_size=data.get("group"),
        )


class CustomWorkFormForm(CleanTextMixin, forms.ModelForm):
    source_url = forms.URLField(
        label=_("Source (link)"), max_length=500, required=False, assume_scheme="https"
    )
    stages = forms.MultipleChoiceField(
        label=_("Group configuration"),
        choices=_choices(labels.STAGES),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every configuration the work form goes through."),
    )
    tgi = forms.MultipleChoiceField(
        label=_("TGI focus"),
        choices=_choices(labels.TGI),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sides = forms.MultipleChoiceField(
        label=_("Sides it addresses"),
        choices=_choices(labels.SIDES),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"),
        choices=_choices(labels.PURPOSES),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    steps = forms.TypedMultipleChoiceField(
        label=_("Steps it serves"),
        choices=_step_choices(),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CustomWorkForm
        fields = list(CustomWorkForm.CONTENT_FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "how_to": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, sharing: WorkFormSharing | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The share choice exists only for a CoP that is in a programme.
        if sharing is not None:
            self.fields["shared_with_programmes"] = forms.BooleanField(
                label=_("Share this work form with the programme's library"),
                required=False,
                initial=self.instance.shared_with_programmes,
                help_text=_(
                    "Programme: %(programmes)s. Its managers and the facilitators of its other "
                    "CoPs then read this work form's text and the name of this CoP, and may copy "
                    "it into their own library. No person's name travels with it. Untick to stop "
                    "sharing."
                )
                % {"programmes": ", ".join(sharing.programmes)},
            )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_minutes"), cleaned.get("max_minutes")
        if low and high and low > high:
            self.add_error(
                "max_minutes", _("The longest duration cannot be shorter than the shortest.")
            )
        low, high = cleaned.get("min_group"), cleaned.get("max_group")
        if low and high and low > high:
            self.add_error("max_group", _("The largest group cannot be smaller than the smallest."))
        if cleaned.get("stages"):
            order = list(labels.STAGES)
            cleaned["stages"] = sorted(cleaned["stages"], key=order.index)
        return cleaned


class StepMarkForm(CleanTextMixin, forms.Form):
    done = forms.TypedChoiceField(
        choices=[("1", _("Mark as done")), ("0", _("Reopen"))], coerce=lambda value: value == "1"
    )
    note = forms.CharField(
        label=_("Note (why)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import Organisation
from gilde.core.forms import CleanTextMixin

from .models import ImpactAgreement, OrganisationCommitment

# Today may already be tomorrow somewhere; a day of slack, no more.
MAX_DAYS_AHEAD = 1
EARLIEST_DATE = date(1900, 1, 1)


class ImpactAgreementForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ImpactAgreement
        fields = [
            "sponsor_name",
            "sponsor_role",
            "sponsor_email",
            "sponsor_informed",
            "informed_on",
            "hours_per_meeting",
            "fee",
            "contribution_agreed",
            "planned_actions",
        ]
        widgets = {
            "informed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hours_per_meeting": forms.NumberInput(attrs={"min": 0, "max": 40, "step": "0.5"}),
            "fee": forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
            "planned_actions": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "hours_per_meeting": {
                "min_value": _("Hours cannot be negative: give 0 when no time is agreed."),
                "max_value": _("Give at most %(limit_value)s hours per meeting."),
            },
            "fee": {"min_value": _("A fee cannot be negative: leave it empty when there is none.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["informed_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=self._latest_date().isoformat()
        )

    @staticmethod
    def _latest_date() -> date:
        return timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD)

    def clean_informed_on(self):
        value = self.cleaned_data["informed_on"]
        if value is None:
            return value
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Choose a date in 1900 or later."))
        if value > self._latest_date():
            raise forms.ValidationError(
                _("The date lies in the future. Give the date the sponsor was informed.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("informed_on") and not cleaned.get("sponsor_informed"):
            self.add_error(
                "informed_on",
                _(
                    "A date only fits when the sponsor is informed: tick that box, or leave the "
                    "date empty."
                ),
            )
        return cleaned


class OrganisationCommitmentForm(CleanTextMixin, forms.ModelForm):
    """The organisation is one of the CoP's members' organisations, at most one commitment each."""

    class Meta:
        model = OrganisationCommitment
        fields = ["organisation", "commitment", "budget_reference", "contact_person"]
        widgets = {"commitment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, community, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        choices = {organisation.pk for organisation in organisations}
        if self.instance.organisation_id:
            choices.add(self.instance.organisation_id)  # kept even when its members left
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=choices).order_by("name")
        field.empty_label = _("Choose an organisation")
        field.error_messages["invalid_choice"] = _(
            "Choose one of the organisations of this CoP's members."
        )

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        taken = self.community.organisation_commitments.filter(organisation=organisation)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(organisation)s has a commitment already; edit that one instead."),
                params={"organisation": organisation.name},
            )
        return organisation

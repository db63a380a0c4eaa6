from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.composition import importing
from gilde.composition.models import Candidate, CandidateStatus
from gilde.core.forms import CleanTextMixin


class CandidateForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "name",
            "email",
            "organisation",
            "industry",
            "function",
            "discipline",
            "knowledge_type",
            "pioneer",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "email": _(
                "Needed to send the invitation, and to recognise the person when they join."
            ),
            "notes": _("For the initiator and facilitators only; never exported."),
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email:
            others = self.community.candidates.filter(email__iexact=email)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(
                    _("Someone with this e-mail address is already a candidate.")
                )
        return email


class CandidateMoveForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Move to"),
        choices=CandidateStatus.choices,
        error_messages={"invalid_choice": _("There is no status “%(value)s”.")},
    )


class ImportUploadForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A .csv or .xlsx file with a header row and one person per row; at most 5 MB and "
            "5,000 rows."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.ms-excel"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB. Split it into smaller files."),
                params={"max": importing.MAX_BYTES // (1024 * 1024)},
            )
        return upload


def _column_choices():
    return [(importing.IGNORE, _("Ignore this column")), *importing.FIELDS.items()]


class ColumnMappingForm(CleanTextMixin, forms.Form):
    """One choice per column of the file: which candidate field it fills, or none."""

    def __init__(self, *args, headers: list[str], samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        for index, header in enumerate(headers):
            shown = [sample[index] for sample in samples if sample[index]][:3]
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header,
                choices=_column_choices(),
                help_text=(
                    _("For example: %(values)s") % {"values": " · ".join(shown)}
                    if shown
                    else _("Empty in the first rows.")
                ),
            )

    def mapping(self) -> list[str]:
        return [self.cleaned_data[f"column_{index}"] for index in range(len(self.headers))]

    def clean(self):
        cleaned = super().clean()
        if any(f"column_{index}" not in cleaned for index in range(len(self.headers))):
            return cleaned
        chosen = self.mapping()
        if "name" not in chosen:
            raise forms.ValidationError(_("Choose the column that holds the name."))
        for field, label in importing.FIELDS.items():
            columns = [self.headers[i] for i, value in enumerate(chosen) if value == field]
            if len(columns) > 1:
                raise forms.ValidationError(
                    _("“%(field)s” is chosen for more than one column: %(columns)s."),
                    params={"field": label, "columns": ", ".join(columns)},
                )
        return cleaned


class ImportConfirmForm(CleanTextMixin, forms.Form):
    mode = forms.ChoiceField(
        choices=[("all", _("Import all rows")), ("valid", _("Import only the valid rows"))]
    )

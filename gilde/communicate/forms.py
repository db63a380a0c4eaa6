"""Step 8's forms: they validate; the services write."""

from datetime import date, timedelta
from pathlib import PurePosixPath

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin, ModelMultipleChoiceField

from .models import MAX_ATTACHMENT_BYTES, PlanItem, PublicPage, Result

EARLIEST = date(2000, 1, 1)
_ZIP = b"PK\x03\x04"
ATTACHMENT_TYPES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (_ZIP,),
    ".xlsx": (_ZIP,),
    ".pptx": (_ZIP,),
    ".odt": (_ZIP,),
    ".txt": (),
    ".md": (),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def attachment_error(upload) -> str | None:
    """Why an upload is refused, or None: the name, the type, the size, the content."""
    name = upload.name or ""
    clean = PurePosixPath(name.replace("\\", "/")).name
    if clean != name or clean in {"", ".", ".."} or clean.startswith(".") or len(clean) > 120:
        return str(_("This file name is not allowed. Rename the file and try again."))
    suffix = PurePosixPath(clean).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        return str(_("Attach a PDF, an image (PNG or JPEG), a text file or an office document."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        return str(_("The file is larger than 10 MB. Share a link to it instead."))
    head = upload.read(4096)
    upload.seek(0)
    signatures = ATTACHMENT_TYPES[suffix]
    if signatures and not any(head.startswith(s) for s in signatures):
        return str(_("The file's content does not match its type."))
    if not signatures and b"\x00" in head:
        return str(_("The file's content does not match its type."))
    return None


class ResultForm(CleanTextMixin, forms.ModelForm):
    link = forms.URLField(
        label=_("link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web address, starting with https://"),
        error_messages={"invalid": _("Give a full web address, like https://…")},
    )
    upload = forms.FileField(label=_("Attachment"), required=False, help_text=_("At most 10 MB."))
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)

    class Meta:
        model = Result
        fields = [
            "title",
            "kind",
            "level",
            "description",
            "achieved_on",
            "people",
            "organisations",
            "link",
            "visibility",
        ]
        widgets = {
            "achieved_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "people": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "people": ModelMultipleChoiceField,
            "organisations": ModelMultipleChoiceField,
        }
        help_texts = {
            "level": _("The level of step 1's yields this result serves."),
            "visibility": _(
                "Public results appear on the CoP's public results page and in the report for "
                "the field; the others stay within the CoP."
            ),
        }

    def __init__(self, *args, people, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda m: str(m.user)
        self.fields["organisations"].queryset = organisations
        self.fields["achieved_on"].widget.attrs.update(min=EARLIEST.isoformat())
        if not (self.instance and self.instance.attachment):
            del self.fields["remove_attachment"]

    def clean_achieved_on(self):
        value = self.cleaned_data["achieved_on"]
        if value < EARLIEST or value > date.today() + timedelta(days=366):
            raise forms.ValidationError(_("Give a date between 2000 and a year from now."))
        return value

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            error = attachment_error(upload)
            if error:
                raise forms.ValidationError(error)
        return upload


class PlanItemForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["audience", "audience_note", "message", "channel", "moment", "owner", "status"]
        widgets = {"moment": DATE, "message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda m: str(m.user)
        self.fields["moment"].widget.attrs.update(min=EARLIEST.isoformat())

    def clean_moment(self):
        value = self.cleaned_data.get("moment")
        if value is not None and (value < EARLIEST or value > date.today() + timedelta(days=3660)):
            raise forms.ValidationError(_("Give a date between 2000 and ten years from now."))
        return value


class ReportSettingsForm(CleanTextMixin, forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("Until"), widget=DATE)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few words of your own at the start of the report."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if start < EARLIEST or end > date.today() + timedelta(days=3660):
                raise forms.ValidationError(_("Give a period between 2000 and ten years from now."))
        return data


class PublicPageForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = PublicPage
        fields = ["enabled", "summary", "organisations"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.CheckboxSelectMultiple,
        }
        field_classes = {"organisations": ModelMultipleChoiceField}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.fields["organisations"].help_text = _(
            "Only organisations that agreed are named on the public page."
        )

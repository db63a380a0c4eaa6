"""Step 7's forms: they validate; the services write."""

from pathlib import PurePosixPath

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gilde.communities.calendar import MeetingRef
from gilde.communities.offers import has_public_page
from gilde.core.forms import CleanTextMixin

from .models import CANVAS_FIELDS, Canvas, CanvasStep, EntryKind, ExperimentStatus, Tier

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Allowed types: the file's first bytes must match its extension.
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


def tier_choices(community) -> list[tuple[str, Promise | str]]:
    """The tiers a member may choose here: public only where the CoP has a public page."""
    public = has_public_page(community)
    return [(t.value, t.label) for t in Tier if t != Tier.PUBLIC or public]


def meeting_choices(meetings: list[MeetingRef], empty: str) -> list[tuple[str, str]]:
    from django.utils.formats import date_format

    return [("", empty)] + [
        (str(m.id), f"{m.title} ({date_format(timezone.localtime(m.starts_at), 'j F Y')})")
        for m in meetings
    ]


class TierField(forms.ChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Who sees it"))
        kwargs.setdefault(
            "help_text",
            _(
                "Each choice widens the circle: only you, your current buddy, the facilitators, "
                "the whole CoP. The initiator and observers see only what you share with the whole "
                "CoP. You can change it at any time."
            ),
        )
        super().__init__(*args, **kwargs)


def _attachment_error(upload) -> Promise | None:
    name = upload.name or ""
    clean = PurePosixPath(name.replace("\\", "/")).name
    if clean != name or clean in {"", ".", ".."} or clean.startswith(".") or len(clean) > 120:
        return _("This file name is not allowed. Rename the file and try again.")
    suffix = PurePosixPath(clean).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        return _("Attach a PDF, an image (PNG or JPEG), a text file or an office document.")
    if upload.size > MAX_ATTACHMENT_BYTES:
        return _("The file is larger than 5 MB.")
    head = upload.read(8)
    upload.seek(0)
    signatures = ATTACHMENT_TYPES[suffix]
    if signatures and not any(head.startswith(s) for s in signatures):
        return _("The file's content does not match its type.")
    if not signatures:
        sample = upload.read(4096)
        upload.seek(0)
        if b"\x00" in sample:
            return _("The file's content does not match its type.")
    return None


class EntryForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown works: *italic*, **bold**, lists and links."),
    )
    tier = TierField()
    meeting = forms.TypedChoiceField(
        label=_("About a meeting"), required=False, coerce=int, empty_value=None
    )
    experiment = forms.TypedChoiceField(
        label=_("About an experiment"), required=False, coerce=int, empty_value=None
    )
    work_form_key = forms.ChoiceField(label=_("About a work form"), required=False)
    tags = forms.CharField(
        label=_("Tags"),
        max_length=400,
        required=False,
        help_text=_("Separate tags with commas, e.g. purchasing, conversation."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_(
            "Optional, at most 5 MB: PDF, PNG, JPEG, text or an office document. It is shown "
            "to the same people as the entry."
        ),
    )
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)

    def __init__(self, *args, community, meetings, experiments, work_forms, has_file=False, **kw):
        super().__init__(*args, **kw)
        self.fields["tier"].choices = tier_choices(community)
        self.fields["meeting"].choices = meeting_choices(meetings, _("No meeting"))
        self.fields["experiment"].choices = [("", _("No experiment"))] + [
            (str(e.pk), e.title) for e in experiments
        ]
        self.fields["work_form_key"].choices = [("", _("No work form"))] + [
            (form.key, form.name) for form in work_forms
        ]
        if not has_file:
            del self.fields["remove_attachment"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            error = _attachment_error(upload)
            if error:
                raise forms.ValidationError(error)
        return upload


class TakeawayForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("What do you take with you from this meeting?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tier = TierField()

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = tier_choices(access.community)
        self.auto_id = "takeaway_%s"


class TierForm(CleanTextMixin, forms.Form):
    tier = TierField()

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = tier_choices(community)


class GoalsForm(CleanTextMixin, forms.Form):
    goals = forms.CharField(
        label=_("Learning goals"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you want to be able to do, or do differently, at the end of the CoP."),
    )
    questions = forms.CharField(
        label=_("Learning questions"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The questions from your own practice that you bring in."),
    )
    note = forms.CharField(
        label=_("Why it changed (optional)"),
        max_length=500,
        required=False,
        help_text=_("Shown in your history."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ExperimentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("What I will try"), max_length=200)
    learning_question = forms.CharField(
        label=_("The learning question it serves"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expectation = forms.CharField(
        label=_("What I expect"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    helpers = forms.CharField(label=_("Who helps"), max_length=300, required=False)
    due_on = forms.DateField(
        label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    meeting = forms.TypedChoiceField(
        label=_("Report back at"), required=False, coerce=int, empty_value=None
    )
    partner = forms.TypedChoiceField(
        label=_("Together with my buddy"), required=False, coerce=int, empty_value=None
    )
    tier = TierField()

    def __init__(self, *args, community, meetings, buddies, check_date=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_date = check_date
        self.fields["tier"].choices = tier_choices(community)
        self.fields["meeting"].choices = meeting_choices(meetings, _("No meeting"))
        self.fields["partner"].choices = [("", _("Alone"))] + [
            (str(b.pk), str(b.user)) for b in buddies
        ]
        if not buddies:
            del self.fields["partner"]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if self.check_date and due_on < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return due_on


class CheckinForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=_("How is it going?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(CleanTextMixin, forms.Form):
    happened = forms.CharField(
        label=_("What happened"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    learned = forms.CharField(
        label=_("What I learned"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_steps = forms.CharField(
        label=_("What next"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ExperimentStatus.DONE, ExperimentStatus.DONE.label),
            (ExperimentStatus.DROPPED, ExperimentStatus.DROPPED.label),
        ],
    )


class StatusForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ExperimentStatus.choices)


class BuddyPeriodForm(CleanTextMixin, forms.Form):
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Usually the next meeting, or three meetings ahead."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class BuddyArrangeForm(CleanTextMixin, forms.Form):
    """A group number per member of the draft."""

    def __init__(self, *args, members, groups: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for membership, number, label in members:
            self.fields[f"m{membership.pk}"] = forms.IntegerField(
                label=label, min_value=1, max_value=groups + 1, initial=number
            )

    def numbers(self) -> dict[int, int]:
        return {m.pk: self.cleaned_data[f"m{m.pk}"] for m, _number, _label in self.members}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        sizes: dict[int, int] = {}
        for membership, _number, _label in self.members:
            number = data[f"m{membership.pk}"]
            sizes[number] = sizes.get(number, 0) + 1
        if any(size < 2 for size in sizes.values()):
            raise forms.ValidationError(_("Every group needs at least two people."))
        return data


class CanvasForm(CleanTextMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    note = forms.CharField(label=_("Why we changed it (optional)"), max_length=500, required=False)

    class Meta:
        model = Canvas
        fields = list(CANVAS_FIELDS)
        widgets = {
            "horizon": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in CANVAS_FIELDS
                if name not in ("title", "horizon")
            },
        }

    def clean_horizon(self):
        horizon = self.cleaned_data["horizon"]
        if horizon <= timezone.localdate():
            raise forms.ValidationError(_("The horizon lies in the future."))
        return horizon


class CanvasStepForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = CanvasStep
        fields = ["title", "description", "due_on", "owner"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class MeetingChoiceForm(CleanTextMixin, forms.Form):
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meeting_choices(meetings, _("Choose a meeting"))


class EntryFilterForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    meeting = forms.TypedChoiceField(
        label=_("Meeting"), required=False, coerce=int, empty_value=None
    )
    tag = forms.CharField(label=_("Tag"), max_length=40, required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *EntryKind.choices]
        self.fields["meeting"].choices = meeting_choices(meetings, _("All meetings"))

    def clean_tag(self):
        return " ".join(self.cleaned_data["tag"].replace(",", " ").split()).lower()

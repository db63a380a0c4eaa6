import re
from datetime import date

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from .models import Community, Focus, Role
from .starters import EMPTY, STARTERS


def slug_from(text: str) -> str:
    """A web address made of lower-case letters, digits and single hyphens."""
    return re.sub(r"-+", "-", slugify(text).replace("_", "-")).strip("-")[:55].strip("-")


def free_slug(base: str, exclude_pk: int | None = None) -> str:
    """`base`, or `base-2`, `base-3`… : the first web address no other CoP uses."""
    base = slug_from(base) or "cop"
    taken = set(
        Community.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class CommunityForm(CleanTextMixin, forms.ModelForm):
    def clean_retention_months(self):
        value = self.cleaned_data.get("retention_months")
        if value is None:
            return self.instance.retention_months if self.instance.pk else 24
        return value

    class Meta:
        model = Community
        fields = [
            "name",
            "slug",
            "description",
            "policy",
            "listed",
            "start_date",
            "duration_months",
            "cadence_weeks",
            "target_size",
            "retention_months",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "policy": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "slug": _(
                "Part of the CoP's address in Gilde, like circular-business. "
                "Leave it empty to derive it from the name."
            ),
            "description": _(
                "A few sentences for the directory and invitations: what the CoP works on and "
                "for whom. The question itself, with its domain, is sharpened in step 1."
            ),
            "policy": _(
                "Closed suits a group that digs into a tough question together: people you "
                "invite join, others apply and the facilitators decide. Open suits spreading "
                "knowledge: anyone with an account may join at once."
            ),
            "listed": _(
                "Listed CoPs appear in the public directory, where people can join an open CoP "
                "or apply to a closed one. Unlisted, only the people you invite find it. Leave "
                "this off until the CoP is ready to be found."
            ),
            "target_size": _("About 20 people works well for a CoP."),
            "duration_months": _("Eighteen months is the usual length."),
            "cadence_weeks": _("A meeting every six weeks is the usual rhythm."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # Optional in the form: left empty, the CoP keeps what it had (24 months for a new one).
        self.fields["retention_months"].required = False
        for name in ("duration_months", "cadence_weeks", "target_size", "retention_months"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_start_date(self) -> date:
        start = self.cleaned_data["start_date"]
        if not date(2000, 1, 1) <= start <= date(2100, 12, 31):
            raise forms.ValidationError(_("Choose a start date between 2000 and 2100."))
        return start

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("slug") or not (cleaned.get("slug") or cleaned.get("name")):
            return cleaned  # the missing name or the bad address has its own message
        slug = cleaned.get("slug") or slug_from(cleaned["name"])
        if not slug:
            self.add_error("slug", _("Choose a web address with letters or digits."))
            return cleaned
        taken = Community.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists()
        if taken:
            self.add_error(
                "slug",
                _("The address “%(slug)s” is taken. “%(free)s” is still free.")
                % {"slug": slug, "free": free_slug(slug, self.instance.pk)},
            )
        cleaned["slug"] = slug
        return cleaned


class CommunityCreateForm(CommunityForm):
    """Starting a CoP: its settings, and where to start from (see `starters`)."""

    starter = forms.ChoiceField(
        label=_("Start from"),
        choices=[(starter.key, starter.label) for starter in STARTERS],
        initial=EMPTY,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "With examples, step 1 gets example yields for each level, the evaluation gets its "
            "questions and the meetings an agenda template for the first meeting. Change or "
            "delete whatever does not fit."
        ),
    )

    def clean_starter(self) -> str:
        return self.cleaned_data["starter"] or EMPTY


class InvitationForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTICIPANT)
    focus = forms.ChoiceField(
        label=_("Focus (facilitators)"),
        choices=[("", _("No focus")), *Focus.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, allowed_roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [c for c in Role.choices if c[0] in allowed_roles]


class RoleForm(CleanTextMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    focus = forms.ChoiceField(
        label=_("Focus"), choices=[("", _("No focus")), *Focus.choices], required=False
    )

    def __init__(self, *args, allowed_roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [c for c in Role.choices if c[0] in allowed_roles]


class ApplicationForm(CleanTextMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Why would you like to join?"),
        help_text=_("Tell the facilitators about your practice and the question you bring."),
        max_length=2000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

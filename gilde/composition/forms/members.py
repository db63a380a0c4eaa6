from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import KnowledgeType
from gilde.composition.models import TRAITS, Intake, MemberProfile, PioneerFollower, TraitAssessment
from gilde.core.forms import CleanTextMixin

PROFILE_FIELDS = ("industry", "function", "discipline", "knowledge_type", "pioneer")
INTAKE_MEMBER_FIELDS = ("practice_case", "learning_questions", "motivation", "availability")
INTAKE_TRAIT_FIELDS = tuple(
    name for trait in TRAITS for name in (f"trait_{trait}", f"trait_{trait}_note")
)


class MemberProfileForm(CleanTextMixin, forms.ModelForm):
    """A member's attributes in one CoP. Blank fields keep the account's value, which is shown
    as a placeholder so the person sees what a blank field stands for."""

    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("Pick one from the list or type the name of a new one."),
    )

    class Meta:
        model = MemberProfile
        fields = list(PROFILE_FIELDS)
        widgets = {"pioneer": forms.RadioSelect}
        help_texts = {
            "industry": _("The industry the organisation works in, e.g. housing or healthcare."),
            "knowledge_type": _("Does the knowledge come mostly from practice, theory, or both?"),
            "pioneer": _(
                "Pioneers sense that something is urgent before their organisation or "
                "surroundings do. Bringing them together lets a CoP put a question on the agenda "
                "and gives pioneers confidence. Followers join once a way has been shown, and "
                "help to spread it. A CoP needs both."
            ),
        }

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.organisation_id:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        organisation = self.fields["organisation_name"]
        organisation.widget.attrs["list"] = "organisations"
        self.fields["industry"].widget.attrs["list"] = "industries"
        # What a blank field falls back to, as the account says it.
        if account.organisation_id:
            organisation.widget.attrs["placeholder"] = account.organisation.name
        for name in ("industry", "function", "discipline"):
            if value := getattr(account, name):
                self.fields[name].widget.attrs["placeholder"] = value
        if account.knowledge_type:
            blank = _("As in the account: %(value)s") % {
                "value": KnowledgeType(account.knowledge_type).label
            }
        else:
            blank = _("Not stated")
        self.fields["knowledge_type"].choices = [("", blank), *KnowledgeType.choices]
        self.fields["pioneer"].choices = [("", _("Not stated")), *PioneerFollower.choices]
        self.order_fields(["organisation_name", *PROFILE_FIELDS])


class IntakeMemberForm(CleanTextMixin, forms.ModelForm):
    """The member's own part of the intake."""

    class Meta:
        model = Intake
        fields = list(INTAKE_MEMBER_FIELDS)
        widgets = {
            "practice_case": forms.Textarea(attrs={"rows": 6}),
            "learning_questions": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "availability": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "practice_case": _(
                "A situation from your own work that you want to get further with in this CoP."
            ),
        }

    def member_part(self):
        """The member's own fields, for the template."""
        return [self[name] for name in INTAKE_MEMBER_FIELDS]


class IntakeFacilitatorForm(IntakeMemberForm):
    """Both parts of the intake, the five traits, and whether the conversation took place."""

    done = forms.BooleanField(
        label=_("The intake conversation took place"),
        required=False,
        help_text=_("Ticking it records the date and who held the conversation."),
    )

    class Meta(IntakeMemberForm.Meta):
        fields = [*INTAKE_MEMBER_FIELDS, *INTAKE_TRAIT_FIELDS]
        widgets = {
            **IntakeMemberForm.Meta.widgets,
            **{f"trait_{trait}": forms.RadioSelect for trait in TRAITS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].initial = self.instance.done_at is not None
        for trait in TRAITS:
            self.fields[f"trait_{trait}"].choices = [
                ("", _("Not assessed yet")),
                *TraitAssessment.choices,
            ]
            self.fields[f"trait_{trait}_note"].label = _("Note")

    def traits(self):
        """(assessment, note) bound-field pairs, one per trait, for the template."""
        return [(self[f"trait_{trait}"], self[f"trait_{trait}_note"]) for trait in TRAITS]

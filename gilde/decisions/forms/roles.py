from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import MeetingRole


class MeetingRoleForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = MeetingRole
        fields = ["name", "description", "active"]

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.community.meeting_roles.filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This CoP has a role with this name already."))
        return name


class RoleAssignForm(CleanTextMixin, forms.Form):
    """Who takes each role at one meeting: a select per role."""

    def __init__(self, *args, roles, memberships, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles
        self.memberships = {m.pk: m for m in memberships}
        choices = [("", _("Nobody yet"))] + [
            (str(m.pk), f"{m.user} ({m.role_label.lower()})") for m in memberships
        ]
        for role in roles:
            assignment = current.get(role.pk)
            self.fields[f"role_{role.pk}"] = forms.ChoiceField(
                label=role.name,
                choices=choices,
                required=False,
                initial=str(assignment.membership_id) if assignment else "",
            )

    def assignments(self) -> list[tuple]:
        """(role, membership or None) per role."""
        return [
            (role, self.memberships.get(int(value)) if value else None)
            for role in self.roles
            for value in [self.cleaned_data.get(f"role_{role.pk}") or ""]
        ]


class RotationForm(CleanTextMixin, forms.Form):
    meetings = forms.IntegerField(
        label=_("For the next … meetings"), min_value=1, max_value=20, initial=6
    )
    seed = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**6, initial=0)

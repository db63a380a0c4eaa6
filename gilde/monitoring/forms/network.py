from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin, ModelMultipleChoiceField

from ..models import ActorKind
from .common import BoundedDateField


class _MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        organisation = getattr(membership.user.organisation, "name", "")
        return f"{membership.user} ({organisation})" if organisation else str(membership.user)


class _MemberChoices(ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        organisation = getattr(membership.user.organisation, "name", "")
        return f"{membership.user} ({organisation})" if organisation else str(membership.user)


class NetworkAnswerForm(CleanTextMixin, forms.Form):
    """With whom, in or outside the CoP, did you work or exchange since the last meeting?"""

    kind = forms.ModelChoiceField(label=_("What kind of tie"), queryset=None, empty_label=None)
    members = _MemberChoices(
        label=_("People in the CoP"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actors = ModelMultipleChoiceField(
        label=_("Outside the CoP"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_actors = forms.CharField(
        label=_("Others outside the CoP"),
        help_text=_("One organisation or person per line; a name is all Gilde keeps."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_actor_kind = forms.ChoiceField(
        label=_("These are"), choices=ActorKind.choices, initial=ActorKind.ORGANISATION
    )

    def __init__(self, *args, kinds, members, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.fields["members"].queryset = members
        self.fields["actors"].queryset = actors
        if not actors.exists():
            del self.fields["actors"]

    def clean_new_actors(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["new_actors"].splitlines()]
        names = [name for name in names if name]
        if any(len(name) > 150 for name in names):
            raise forms.ValidationError(_("Keep each name to 150 characters."))
        if len(names) > 20:
            raise forms.ValidationError(_("Name at most 20 at a time."))
        return names


class TieForm(CleanTextMixin, forms.Form):
    member = _MemberChoice(label=_("Member"), queryset=None)
    other_member = _MemberChoice(label=_("With a member"), queryset=None, required=False)
    actor = forms.ModelChoiceField(
        label=_("Or with an outside actor"), queryset=None, required=False
    )
    kind = forms.ModelChoiceField(label=_("Kind of tie"), queryset=None, empty_label=None)
    started_on = BoundedDateField(label=_("Start"))
    ended_on = BoundedDateField(
        label=_("End"), required=False, help_text=_("Empty while the tie lasts.")
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kinds, members, actors, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.fields["member"].queryset = members
        self.fields["other_member"].queryset = members
        self.fields["actor"].queryset = actors
        if editing:
            for name in ("member", "other_member", "actor"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "member" in self.fields:
            other, actor = data.get("other_member"), data.get("actor")
            if (other is None) == (actor is None) and not self.has_error("other_member"):
                self.add_error(
                    "other_member", _("Choose one other end: a member or an outside actor.")
                )
            elif other is not None and other == data.get("member"):
                self.add_error(
                    "other_member",
                    _("A tie joins two different people, not someone to themselves."),
                )
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end lies before the start."))
        return data


class TieKindForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("New kind of tie"), max_length=80)


class MonitoringSettingsForm(CleanTextMixin, forms.Form):
    network_shared_with_group = forms.BooleanField(
        label=_("Share the named social map with the group"),
        required=False,
        help_text=_(
            "Participants and the initiator then see the map with names and each person's "
            "figures. Observers always see figures for the whole group only."
        ),
    )
    cycle_meetings = forms.IntegerField(
        label=_("Meetings per monitoring cycle"), min_value=1, max_value=12
    )


class ImportUploadForm(CleanTextMixin, forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))


class ImportConfirmForm(CleanTextMixin, forms.Form):
    mode = forms.ChoiceField(choices=[("all", "all"), ("valid", "valid")])


class TieColumnMappingForm(CleanTextMixin, forms.Form):
    """One choice per column of the file: which field of a tie it fills, or none."""

    def __init__(self, *args, headers: list[str], samples: list[list[str]], **kwargs):
        from ..importing import FIELDS, IGNORE

        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [(IGNORE, _("Ignore this column")), *FIELDS.items()]
        for index, header in enumerate(headers):
            shown = [sample[index] for sample in samples if sample[index]][:3]
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                help_text=(
                    _("For example: %(values)s") % {"values": " · ".join(shown)}
                    if shown
                    else _("Empty in the first rows.")
                ),
            )

    def mapping(self) -> list[str]:
        return [self.cleaned_data[f"column_{index}"] for index in range(len(self.headers))]

    def clean(self):
        from ..importing import FIELDS, REQUIRED

        cleaned = super().clean()
        if any(f"column_{index}" not in cleaned for index in range(len(self.headers))):
            return cleaned
        chosen = self.mapping()
        missing = [str(FIELDS[name]) for name in REQUIRED if name not in chosen]
        if missing:
            raise forms.ValidationError(
                _("Choose the columns that hold: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        for name, label in FIELDS.items():
            columns = [self.headers[i] for i, value in enumerate(chosen) if value == name]
            if len(columns) > 1:
                raise forms.ValidationError(
                    _("“%(field)s” is chosen for more than one column: %(columns)s."),
                    params={"field": label, "columns": ", ".join(columns)},
                )
        return cleaned

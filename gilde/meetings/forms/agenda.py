"""Forms for agendas, facilitation and the preparation page. They validate only."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Focus, Membership, Role
from gilde.core.forms import CleanTextMixin, ModelMultipleChoiceField

from ..models import (
    AgendaItem,
    AgendaProposal,
    AgendaTemplate,
    FacilitationMode,
    Meeting,
    facilitation_focus,
)

# Who may lead an agenda item or facilitate a meeting: everybody but observers.
LEADING_ROLES = (Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)


def leading_members(community: Community):
    return (
        community.memberships.filter(role__in=LEADING_ROLES)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def _check_focus(form, field: str, membership: Membership | None, focus: str) -> None:
    """A facilitator keeps their own focus from the member list (`facilitation_focus`): asking
    them to take the other role is refused with a message that says where to change it."""
    if membership is None or not focus or facilitation_focus(membership, focus) == focus:
        return
    form.add_error(
        field,
        _(
            "In the member list, %(name)s has the focus “%(focus)s”. Choose that role for "
            "%(name)s, or change the focus in the member list first."
        )
        % {"name": membership.user, "focus": membership.get_focus_display().lower()},
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.name or obj.user.email} ({obj.role_label.lower()})"


class MembersChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.name or obj.user.email} ({obj.role_label.lower()})"


class AgendaItemForm(CleanTextMixin, forms.ModelForm):
    """An agenda item. Choosing a work form fills in what is left empty: the title, the duration
    (the form's shortest time) and the configuration (when the form has a single stage)."""

    work_form_key = forms.ChoiceField(label=_("Work form"), required=False)

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "work_form_key",
            "duration_minutes",
            "led_by",
            "configuration",
            "tgi_focus",
            "notes",
        ]
        field_classes = {"led_by": MemberChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, community: Community, work_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_forms = {form.key: form for form in work_forms}
        self.fields["work_form_key"].choices = [("", _("No work form"))] + [
            (form.key, form.name) for form in work_forms
        ]
        self.fields["led_by"].queryset = leading_members(community)
        self.fields["led_by"].empty_label = _("Not decided yet")
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: the work form's name.")
        self.fields["duration_minutes"].required = False
        self.fields["duration_minutes"].help_text = _("Empty: the work form's shortest time.")
        self.fields["configuration"].help_text = _("Empty: the stages of the work form.")
        self.fields["tgi_focus"].help_text = _("Empty: the foci of the work form.")

    def clean(self):
        data = super().clean()
        work_form = self.work_forms.get(data.get("work_form_key") or "")
        if work_form is not None:
            if not data.get("title"):
                data["title"] = work_form.name
            if not data.get("duration_minutes"):
                data["duration_minutes"] = work_form.min_minutes
            if not data.get("configuration") and len(work_form.stages) == 1:
                data["configuration"] = work_form.stages[0]
        if not data.get("title") and "title" not in self.errors:
            self.add_error("title", _("Give the item a title, or choose a work form."))
        if not data.get("duration_minutes") and "duration_minutes" not in self.errors:
            self.add_error(
                "duration_minutes", _("Give the item a duration, or choose a work form.")
            )
        return data


class MoveForm(CleanTextMixin, forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class FacilitationForm(CleanTextMixin, forms.Form):
    """How the CoP facilitates; the pair or the rotation's people, and the rotation's seed."""

    mode = forms.ChoiceField(label=_("Facilitation"), choices=FacilitationMode.choices)
    content = MemberChoiceField(
        label=_("Facilitator with a content focus"),
        queryset=Membership.objects.none(),
        required=False,
    )
    process = MemberChoiceField(
        label=_("Facilitator with a process focus"),
        queryset=Membership.objects.none(),
        required=False,
    )
    core_group = MembersChoiceField(
        label=_("Core group"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a rotation within a core group."),
    )
    seed = forms.IntegerField(min_value=0, max_value=10**6, initial=0, widget=forms.HiddenInput)

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("content", "process", "core_group"):
            self.fields[name].queryset = leading_members(community)

    def clean(self):
        data = super().clean()
        mode = data.get("mode")
        if mode == FacilitationMode.PAIR:
            if not data.get("content") or not data.get("process"):
                raise forms.ValidationError(_("Choose both facilitators of the pair."))
            if data["content"] == data["process"]:
                raise forms.ValidationError(_("The pair is two different people."))
            _check_focus(self, "content", data["content"], "content")
            _check_focus(self, "process", data["process"], "process")
        if mode == FacilitationMode.ROTATION_CORE and len(data.get("core_group") or []) < 2:
            self.add_error("core_group", _("A core group has at least two people."))
        return data


class MeetingFacilitatorsForm(CleanTextMixin, forms.Form):
    first = MemberChoiceField(
        label=_("First facilitator"), queryset=Membership.objects.none(), required=False
    )
    first_focus = forms.ChoiceField(
        label=_("Focus of the first"), choices=[("", _("No focus")), *Focus.choices], required=False
    )
    second = MemberChoiceField(
        label=_("Second facilitator"), queryset=Membership.objects.none(), required=False
    )
    second_focus = forms.ChoiceField(
        label=_("Focus of the second"),
        choices=[("", _("No focus")), *Focus.choices],
        required=False,
    )

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].queryset = leading_members(community)
            self.fields[name].empty_label = _("Nobody")

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError(_("Choose two different people."))
        for name in ("first", "second"):
            _check_focus(self, f"{name}_focus", data.get(name), data.get(f"{name}_focus", ""))
        return data

    def turns(self) -> list[tuple[Membership, str]]:
        data = self.cleaned_data
        return [
            (data[name], data[f"{name}_focus"]) for name in ("first", "second") if data.get(name)
        ]


class NeedHandleForm(CleanTextMixin, forms.Form):
    """Tick off an answer to "what does the next meeting need", or link it to an agenda item."""

    handled = forms.BooleanField(label=_("Handled"), required=False)
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["agenda_item"].empty_label = _("No agenda item")


class AgendaTemplateSaveForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the template"),
        max_length=120,
        help_text=_("A template of the same name is replaced."),
    )


class AgendaTemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(name)s (%(count)s items, %(minutes)s minutes)") % {
            "name": obj.name,
            "count": len(obj.items),
            "minutes": obj.total_minutes,
        }


class AgendaTemplateApplyForm(CleanTextMixin, forms.Form):
    template = AgendaTemplateChoiceField(
        label=_("Template"), queryset=AgendaTemplate.objects.none(), empty_label=None
    )

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = community.agenda_templates.all()


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        local = timezone.localtime(obj.starts_at)
        return f"{obj.title} ({date_format(local, 'j F Y, H:i')})"


class WorkFormToAgendaForm(CleanTextMixin, forms.Form):
    """Add a work form from the library to a coming meeting's agenda."""

    meeting = MeetingChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), empty_label=None
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AgendaProposalForm(CleanTextMixin, forms.ModelForm):
    """A proposed agenda item: what, with which work form, how long, who leads, and why.
    Choosing a work form fills in an empty title and duration, as on the agenda."""

    work_form_key = forms.ChoiceField(label=_("Work form"), required=False)

    class Meta:
        model = AgendaProposal
        fields = ["title", "work_form_key", "duration_minutes", "led_by", "note"]
        field_classes = {"led_by": MemberChoiceField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, community: Community, work_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_forms = {form.key: form for form in work_forms}
        self.fields["work_form_key"].choices = [("", _("No work form"))] + [
            (form.key, form.name) for form in work_forms
        ]
        self.fields["led_by"].queryset = leading_members(community)
        self.fields["led_by"].empty_label = _("Not decided yet")
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: the work form's name.")
        self.fields["duration_minutes"].required = False
        self.fields["duration_minutes"].help_text = _("Empty: the work form's shortest time.")

    def clean(self):
        data = super().clean()
        work_form = self.work_forms.get(data.get("work_form_key") or "")
        if work_form is not None:
            data["title"] = data.get("title") or work_form.name
            data["duration_minutes"] = data.get("duration_minutes") or work_form.min_minutes
        if not data.get("title") and "title" not in self.errors:
            self.add_error("title", _("Give the item a title, or choose a work form."))
        if not data.get("duration_minutes") and "duration_minutes" not in self.errors:
            self.add_error(
                "duration_minutes", _("Give the item a duration, or choose a work form.")
            )
        return data


class ProposalDecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The proposer reads it."),
    )

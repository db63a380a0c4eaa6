"""Forms for attendance: "are you coming?", who was there, and the meeting's notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin
from gilde.meetings.models import Meeting, Rsvp


class RsvpForm(CleanTextMixin, forms.Form):
    response = forms.ChoiceField(
        label=_("Are you coming?"), choices=Rsvp.choices, widget=forms.RadioSelect
    )


class PresenceForm(CleanTextMixin, forms.Form):
    """A checklist of the members who take part in meetings; the ticked ones were there."""

    present = forms.MultipleChoiceField(
        label=_("Who was there?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Someone on the list is no longer a member; reload the page."),
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(m.pk), m.user.name) for m in memberships]


class MeetingNotesForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["notes", "facilitator_notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 10}),
            "facilitator_notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "notes": _("Every member of the CoP reads these notes on the meeting page."),
            "facilitator_notes": _("Only the initiator and the facilitators read these."),
        }

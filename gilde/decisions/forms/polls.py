from datetime import time, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..formatting import slot_label
from ..models import (
    MAX_DATE_SLOTS,
    MAX_OPTIONS,
    CheckStyle,
    PollKind,
    Voters,
)
from .common import (
    DATE_WIDGET,
    TIME_WIDGET,
    id_or_none,
    local_now,
    meeting_choices,
    moment_or_error,
)

MIN_MINUTES, MAX_MINUTES = 15, 720
DATE_SLOT_ROWS = 6

KIND_HELP = {
    PollKind.CONSENT: _(
        "A proposal the group consents to: agree, abstain, object or block. It passes when "
        "nobody blocks; objections are listed with their reasons."
    ),
    PollKind.CHOICE: _("Choose one or more options from a list, with an optional “other”."),
    PollKind.SCORE: _("Give each option a score; you see the averages and how far apart they are."),
    PollKind.RANKED: _(
        "Put the options in order of preference; the result is worked out in rounds (instant "
        "runoff)."
    ),
    PollKind.DATE: _(
        "Find a date: yes, if need be or no per date. The best date can become a meeting."
    ),
    PollKind.CHECK: _(
        "A quick sense check with one question, 1 to 5 or thumbs; handy live in a meeting, on "
        "phones."
    ),
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PollForm(CleanTextMixin, forms.Form):
    """A new poll of one kind. The meeting and agenda item choices come from the calendar."""

    title = forms.CharField(label=_("Title"), max_length=200)
    context = forms.CharField(
        label=_("Context (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the group needs to know to decide. Markdown: *emphasis*, lists, links."),
    )
    options = forms.CharField(
        label=_("Options"),
        max_length=MAX_OPTIONS * 201,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    max_choices = forms.IntegerField(
        label=_("Most options one person may choose"),
        min_value=1,
        max_value=MAX_OPTIONS,
        initial=1,
        required=False,
    )
    allow_other = forms.BooleanField(label=_("People may add “other”"), required=False)
    scale_max = forms.TypedChoiceField(
        label=_("Scores from 1 to"),
        choices=[(5, "5"), (10, "10")],
        coerce=int,
        initial=5,
        required=False,
    )
    check_style = forms.ChoiceField(
        label=_("Answers"),
        choices=CheckStyle.choices,
        initial=CheckStyle.SCALE,
        widget=forms.RadioSelect,
        required=False,
    )
    duration_minutes = forms.IntegerField(
        label=_("Length of the meeting (minutes)"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=120,
        required=False,
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_WIDGET)
    closes_time = forms.TimeField(label=_("at"), widget=TIME_WIDGET)
    meeting = forms.ChoiceField(label=_("Meeting (optional)"), required=False)
    agenda_item = forms.ChoiceField(label=_("Agenda item (optional)"), required=False)
    voters = forms.ChoiceField(
        label=_("Who may vote"),
        choices=Voters.choices,
        initial=Voters.MEMBERS,
        widget=forms.RadioSelect,
    )
    hide_results = forms.BooleanField(
        label=_("Hide the results until the poll closes"),
        required=False,
        help_text=_("For everybody, facilitators included."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous votes"),
        required=False,
        help_text=_(
            "Votes are stored without names and cannot be changed; the results stay hidden "
            "until the poll closes."
        ),
    )
    quorum = forms.IntegerField(
        label=_("Quorum (per cent, optional)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("The share of those who may vote that must vote for the outcome to count."),
    )

    KIND_FIELDS = {
        PollKind.CONSENT: (),
        PollKind.CHOICE: ("options", "max_choices", "allow_other"),
        PollKind.SCORE: ("options", "scale_max"),
        PollKind.RANKED: ("options",),
        PollKind.DATE: ("duration_minutes",),
        PollKind.CHECK: ("check_style",),
    }
    ALL_KIND_FIELDS = ("options", "max_choices", "allow_other", "scale_max", "check_style")

    def __init__(self, *args, kind: str, meetings=(), agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if "options" in self.fields:
            self.fields["options"].help_text = _(
                "One option per line, at least two and at most %(max)s."
            ) % {"max": MAX_OPTIONS}
        for name in (*self.ALL_KIND_FIELDS, "duration_minutes"):
            if name not in self.KIND_FIELDS[kind]:
                del self.fields[name]
        self.slot_rows = []
        if kind == PollKind.DATE:
            for number in range(1, DATE_SLOT_ROWS + 1):
                self.fields[f"slot_{number}_date"] = forms.DateField(
                    label=_("Date %(number)s") % {"number": number},
                    required=False,
                    widget=DATE_WIDGET,
                )
                self.fields[f"slot_{number}_time"] = forms.TimeField(
                    label=_("Time %(number)s") % {"number": number},
                    required=False,
                    widget=TIME_WIDGET,
                )
                self.slot_rows.append((f"slot_{number}_date", f"slot_{number}_time"))
        self.meetings = {m.pk: m for m in meetings}
        self.items = {item.pk: item for item in agenda_items}
        self.fields["meeting"].choices = meeting_choices(meetings, _("No meeting"))
        self.fields["agenda_item"].choices = [("", _("No agenda item"))] + [
            (str(item.pk), f"{self.meetings[item.meeting_id].title} · {item.title}")
            for item in agenda_items
            if item.meeting_id in self.meetings
        ]
        if not self.is_bound:
            closes = (local_now() + timedelta(days=7)).date()
            self.initial.setdefault("closes_on", closes)
            self.initial.setdefault("closes_time", time(17, 0))

    def slot_fields(self):
        return [(self[date_name], self[time_name]) for date_name, time_name in self.slot_rows]

    def kind_fields(self):
        return [self[name] for name in self.KIND_FIELDS[self.kind] if name in self.fields]

    def clean_options(self):
        lines = _lines(self.cleaned_data.get("options", ""))
        unique = list(dict.fromkeys(lines))
        if self.kind in (PollKind.CHOICE, PollKind.SCORE, PollKind.RANKED):
            if len(unique) < 2:
                raise forms.ValidationError(_("Give at least two different options."))
            if len(unique) > MAX_OPTIONS:
                raise forms.ValidationError(
                    _("Give at most %(max)s options.") % {"max": MAX_OPTIONS}
                )
            if any(len(line) > 200 for line in unique):
                raise forms.ValidationError(_("Keep each option under 200 characters."))
        return unique

    def clean(self):
        data = super().clean()
        day, start = data.get("closes_on"), data.get("closes_time")
        if day is not None and start is not None:
            moment, error = moment_or_error(day, start)
            if error:
                self.add_error("closes_time", error)
            elif moment <= local_now():
                self.add_error("closes_on", _("Choose a closing moment in the future."))
            else:
                data["closes_at"] = moment
        if self.kind == PollKind.CHOICE and data.get("options"):
            most = data.get("max_choices") or 1
            if most > len(data["options"]) + (1 if data.get("allow_other") else 0):
                self.add_error(
                    "max_choices", _("People cannot choose more options than there are.")
                )
        if self.kind == PollKind.DATE:
            self._clean_slots(data)
            if data.get("duration_minutes") is None and "duration_minutes" not in self.errors:
                self.add_error("duration_minutes", _("Say how long the meeting lasts."))
        meeting_id = id_or_none(data.get("meeting"))
        item_id = id_or_none(data.get("agenda_item"))
        if item_id is not None:
            item = self.items.get(item_id)
            if meeting_id is not None and item is not None and item.meeting_id != meeting_id:
                self.add_error("agenda_item", _("Choose an item of the chosen meeting."))
            elif item is not None:
                meeting_id = item.meeting_id
        data["meeting_id"], data["agenda_item_id"] = meeting_id, item_id
        if data.get("anonymous"):
            data["hide_results"] = True
        data["quorum"] = data.get("quorum") or 0
        return data

    def _clean_slots(self, data):
        slots = []
        for date_name, time_name in self.slot_rows:
            day, start = data.get(date_name), data.get(time_name)
            if day is None and start is None:
                continue
            if day is None or start is None:
                self.add_error(
                    date_name if day is None else time_name,
                    _("Give both a date and a time, or leave both empty."),
                )
                continue
            moment, error = moment_or_error(day, start)
            if error:
                self.add_error(time_name, error)
            elif moment <= local_now():
                self.add_error(date_name, _("Choose a date in the future."))
            else:
                slots.append(moment)
        if len(set(slots)) < 2 and not any(
            name in self.errors for pair in self.slot_rows for name in pair
        ):
            self.add_error(None, _("Give at least two different dates and times."))
        data["slots"] = sorted(set(slots))[:MAX_DATE_SLOTS]

    def poll_fields(self) -> dict:
        """The cleaned values as `poll_create` takes them."""
        data = self.cleaned_data
        fields = {
            "title": data["title"],
            "context": data["context"],
            "closes_at": data["closes_at"],
            "meeting_id": data["meeting_id"],
            "agenda_item_id": data["agenda_item_id"],
            "voters": data["voters"],
            "hide_results": data["hide_results"],
            "anonymous": data["anonymous"],
            "quorum": data["quorum"],
        }
        if self.kind in (PollKind.CHOICE, PollKind.SCORE, PollKind.RANKED):
            fields["options"] = data["options"]
        if self.kind == PollKind.CHOICE:
            fields["max_choices"] = data.get("max_choices") or 1
            fields["allow_other"] = data.get("allow_other", False)
        if self.kind == PollKind.SCORE:
            fields["scale_max"] = data.get("scale_max") or 5
        if self.kind == PollKind.CHECK:
            fields["check_style"] = data.get("check_style") or CheckStyle.SCALE
        if self.kind == PollKind.DATE:
            fields["slots"] = data["slots"]
            fields["duration_minutes"] = data["duration_minutes"]
        return fields


class OutcomeForm(CleanTextMixin, forms.Form):
    statement = forms.CharField(
        label=_("The decision, in one sentence"),
        max_length=300,
        help_text=_("E.g. “We invite an expert on procurement to meeting 4.”"),
    )
    rationale = forms.CharField(
        label=_("Why (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingFromPollForm(CleanTextMixin, forms.Form):
    option = forms.TypedChoiceField(label=_("Date and time"), coerce=int, widget=forms.RadioSelect)
    despite_holiday = forms.BooleanField(
        label=_("Plan it anyway, although it is a holiday"), required=False
    )

    def __init__(self, *args, options, holidays: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.holidays = holidays  # {option id: [holiday names]}
        self.fields["option"].choices = [(str(o.pk), slot_label(o)) for o in options]

    def clean(self):
        data = super().clean()
        option = data.get("option")
        if option is not None and self.holidays.get(option) and not data.get("despite_holiday"):
            self.add_error(
                "despite_holiday",
                _("This date is a holiday (%(names)s). Tick the box to plan it anyway.")
                % {"names": ", ".join(self.holidays[option])},
            )
        return data

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin
from gilde.meetings.models import Meeting, MeetingStatus, SchoolRegion
from gilde.meetings.scheduling import (
    AMBIGUOUS,
    AMSTERDAM,
    MAX_CADENCE_WEEKS,
    MAX_MEETINGS,
    NONEXISTENT,
    PlannedDate,
    days_to_avoid,
    local_time_problem,
    plan,
    school_holidays_known,
)

# Day names are lower case in Dutch ("op dinsdag"), also where dates print them; a choice list
# starts them with a capital.
WEEKDAY_CHOICES = [
    (0, capfirst(_("Monday"))),
    (1, capfirst(_("Tuesday"))),
    (2, capfirst(_("Wednesday"))),
    (3, capfirst(_("Thursday"))),
    (4, capfirst(_("Friday"))),
]
MIN_MINUTES, MAX_MINUTES = 15, 720
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def holiday_language() -> str:
    """The `holidays` package's language for the active one: Dutch, or else English."""
    return "nl" if (translation.get_language() or "nl").startswith("nl") else "en_US"


def time_error(day: date, start: time) -> forms.ValidationError | None:
    """A clear message when `start` does not exist or happens twice on `day` in Amsterdam."""
    problem = local_time_problem(day, start)
    params = {"time": start.strftime("%H:%M"), "date": date_format(day, "DATE_FORMAT")}
    if problem == NONEXISTENT:
        return forms.ValidationError(
            _(
                "%(time)s does not exist on %(date)s: the clocks go forward from 02:00 to 03:00. "
                "Choose another time."
            ),
            code="nonexistent",
            params=params,
        )
    if problem == AMBIGUOUS:
        return forms.ValidationError(
            _(
                "%(time)s happens twice on %(date)s: the clocks go back from 03:00 to 02:00. "
                "Choose another time."
            ),
            code="ambiguous",
            params=params,
        )
    return None


class ScheduleForm(CleanTextMixin, forms.Form):
    first_date = forms.DateField(label=_("First meeting on or after"), widget=DATE_WIDGET)
    cadence_weeks = forms.IntegerField(
        label=_("Every … weeks"),
        min_value=1,
        max_value=MAX_CADENCE_WEEKS,
        error_messages={
            "min_value": _("The cadence is at least %(limit_value)s week."),
            "max_value": _("Meet at least twice a year: choose at most %(limit_value)s weeks."),
        },
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        required=False,
        min_value=1,
        max_value=MAX_MEETINGS,
        help_text=_("Leave empty to plan up to the end date."),
        error_messages={
            "max_value": _("Plan at most %(limit_value)s meetings at once."),
        },
    )
    until = forms.DateField(
        label=_("Last meeting on or before"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The CoP's planned end date, unless you choose another."),
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAY_CHOICES, coerce=int)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=MIN_MINUTES, max_value=MAX_MINUTES
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    school_region = forms.ChoiceField(
        label=_("Also avoid school holidays"),
        choices=SchoolRegion.choices,
        required=False,
        help_text=_(
            "Choose the region where most participants live. Public holidays are always avoided."
        ),
    )
    title_pattern = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("{n} becomes the meeting's number, e.g. “Meeting {n}”."),
    )
    # The ids of the meetings the preview said it would replace; a mismatch on confirming means
    # the calendar changed in between.
    replaces = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, community, latest: Meeting | None = None, region: str = "", **kw):
        super().__init__(*args, **kw)
        self.community = community
        self.planned: list[PlannedDate] = []
        self.school_unknown_years = False
        if not self.is_bound:
            today = timezone.localdate()
            first = max(community.start_date, today)
            self.initial.update(
                first_date=first,
                cadence_weeks=community.cadence_weeks,
                until=community.end_date if community.end_date > first else None,
                weekday=first.weekday() if first.weekday() < 5 else 1,
                start_time=time(14, 0),
                duration_minutes=120,
                school_region=region,
                title_pattern=_("Meeting {n}"),
            )
            if latest is not None:
                local = latest.starts_at.astimezone(AMSTERDAM)
                self.initial.update(
                    weekday=local.weekday() if local.weekday() < 5 else 1,
                    start_time=local.time().replace(second=0, microsecond=0),
                    duration_minutes=latest.duration_minutes,
                    place=latest.place,
                    online_link=latest.online_link,
                )

    WHEN = (
        "first_date",
        "cadence_weeks",
        "count",
        "until",
        "weekday",
        "start_time",
        "duration_minutes",
        "school_region",
    )
    WHERE = ("place", "online_link", "title_pattern")

    def when_fields(self):
        return [self[name] for name in self.WHEN]

    def where_fields(self):
        return [self[name] for name in self.WHERE]

    def clean_first_date(self):
        value = self.cleaned_data["first_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Choose a first date from today on."))
        return value

    def clean_title_pattern(self):
        value = self.cleaned_data["title_pattern"].strip()
        if "{n}" not in value:
            raise forms.ValidationError(_("Put {n} in the title where the number goes."))
        return value

    def clean_replaces(self):
        raw = self.cleaned_data["replaces"]
        try:
            return sorted(int(part) for part in raw.split(",") if part.strip())
        except ValueError:
            return None  # forged: confirming will show the preview again

    def clean(self):
        data = super().clean()
        first, until, count = data.get("first_date"), data.get("until"), data.get("count")
        if first is None or "cadence_weeks" not in data or "weekday" not in data:
            return data
        if until is not None and until < first:
            self.add_error("until", _("The last date lies before the first date."))
            return data
        if count is None and until is None:
            self.add_error("count", _("Give a number of meetings or a last date."))
            return data
        cadence = data["cadence_weeks"]
        last = until or first + timedelta(weeks=cadence * (count or 0) + 4)
        years = range(first.year, last.year + 1)
        region = data.get("school_region", "")
        self.school_unknown_years = bool(region) and not school_holidays_known(years)
        avoid = days_to_avoid(years=years, region=region, language=holiday_language())
        # One more than allowed, to say so when an end date alone asks for too many.
        limit = MAX_MEETINGS + 1 if count is None else count
        self.planned = plan(first, cadence, limit, until, data["weekday"], avoid)
        if len(self.planned) > MAX_MEETINGS:
            self.add_error(
                "until",
                forms.ValidationError(
                    _(
                        "This would plan more than %(max)s meetings. Choose an earlier last date "
                        "or a number of meetings."
                    ),
                    code="too_many",
                    params={"max": MAX_MEETINGS},
                ),
            )
            self.planned = []
            return data
        if not self.planned:
            self.add_error(
                "until", _("No meeting fits between the first and the last date. Widen the range.")
            )
            return data
        start = data.get("start_time")
        if start is not None:
            for planned in self.planned:
                error = time_error(planned.date, start)
                if error:
                    self.add_error("start_time", error)
                    self.planned = []
                    break
        return data


class MeetingForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=MIN_MINUTES, max_value=MAX_MINUTES
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        local = meeting.starts_at.astimezone(AMSTERDAM)
        self.initial.update(
            title=meeting.title,
            date=local.date(),
            start_time=local.time().replace(second=0, microsecond=0),
            duration_minutes=meeting.duration_minutes,
            place=meeting.place,
            online_link=meeting.online_link,
            status=meeting.status,
        )

    def clean(self):
        data = super().clean()
        day, start = data.get("date"), data.get("start_time")
        if day is None or start is None:
            return data
        error = time_error(day, start)
        if error:
            self.add_error("start_time", error)
            return data
        data["starts_at"] = datetime.combine(day, start, tzinfo=AMSTERDAM)
        if data.get("status") == MeetingStatus.HELD and data["starts_at"] > timezone.now():
            self.add_error("status", _("A meeting that has not started yet cannot be held."))
        return data

    def changes(self) -> dict:
        """The cleaned values as the meeting's fields, for `meeting_update`."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "online_link": data["online_link"],
            "status": data["status"],
        }

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gilde.core.dates import AMBIGUOUS, AMSTERDAM, NONEXISTENT, local_time_problem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def moment_or_error(day, start: time) -> tuple[datetime | None, forms.ValidationError | None]:
    """`start` on `day` in Amsterdam, or the error that says why that moment cannot be used: it
    does not exist (the clocks go forward) or happens twice (they go back), as meetings say."""
    problem = local_time_problem(day, start)
    params = {"time": start.strftime("%H:%M"), "date": date_format(day, "DATE_FORMAT")}
    if problem == NONEXISTENT:
        return None, forms.ValidationError(
            _(
                "%(time)s does not exist on %(date)s: the clocks go forward from 02:00 to 03:00. "
                "Choose another time."
            ),
            code="nonexistent",
            params=params,
        )
    if problem == AMBIGUOUS:
        return None, forms.ValidationError(
            _(
                "%(time)s happens twice on %(date)s: the clocks go back from 03:00 to 02:00. "
                "Choose another time."
            ),
            code="ambiguous",
            params=params,
        )
    return datetime.combine(day, start, tzinfo=AMSTERDAM), None


def local_now() -> datetime:
    return timezone.localtime(timezone.now(), AMSTERDAM)


def meeting_label(meeting) -> str:
    local = timezone.localtime(meeting.starts_at, AMSTERDAM)
    return f"{meeting.title} ({date_format(local.date(), 'DATE_FORMAT')})"


def meeting_choices(meetings, empty_label) -> list[tuple[str, str]]:
    return [("", empty_label)] + [(str(m.pk), meeting_label(m)) for m in meetings]


def id_or_none(value) -> int | None:
    return int(value) if value not in (None, "") else None

"""The sentences of notifications, registered by the apps that send them.

Like the audit log's sentences: an app registers each kind it writes with
`register_notification_kinds({kind: gettext_lazy("… %(meeting)s …")}, labels={...})` in its
`AppConfig.ready()`, and a notification is worded when it is shown, in the reader's language.
`labels` turn a stored value into words; `when` and `date` are worded for every kind (a stored ISO
moment or date becomes "3 maart 2026, 19:00" in the reader's language and time zone).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

Label = Callable[[object], str]


@dataclass(frozen=True)
class NotificationKind:
    text: Promise | str
    labels: Mapping[str, Label] = field(default_factory=dict)


_KINDS: dict[str, NotificationKind] = {}


def register_notification_kinds(
    kinds: Mapping[str, Promise | str], *, labels: Mapping[str, Label] | None = None
) -> None:
    """Register kinds with their sentences; a kind registered twice with another sentence is a
    programming error."""
    for kind, text in kinds.items():
        entry = NotificationKind(text, dict(labels or {}))
        if _KINDS.get(kind, entry) != entry:
            raise ValueError(f"Notification kind {kind!r} is registered twice")
        _KINDS[kind] = entry


def registered_kinds() -> frozenset[str]:
    return frozenset(_KINDS)


def moment_label(value: object) -> str:
    """A stored ISO moment as a local date and time in the active language."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "j F Y, H:i")


def date_label(value: object) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return formats.date_format(day, "j F Y")


_COMMON_LABELS: dict[str, Label] = {"when": moment_label, "date": date_label}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _values(kind: NotificationKind, params: Mapping) -> _Lenient:
    data = _Lenient(params)
    for key, label in {**_COMMON_LABELS, **kind.labels}.items():
        if key in data:
            data[key] = label(data[key])
    return data


def describe(kind: str, params: Mapping) -> str:
    """The notification as a plain sentence (for a title attribute or a test)."""
    entry = _KINDS.get(kind)
    if entry is None:
        return kind
    return str(entry.text % _values(entry, params))


def describe_html(kind: str, params: Mapping) -> SafeString:
    """The sentence as HTML: each stored value in its own `<bdi>`, escaped."""
    entry = _KINDS.get(kind)
    if entry is None:
        return format_html("{}", kind)
    data = _values(entry, params)
    isolated = _Lenient(
        {
            key: value if isinstance(value, int | float) else format_html("<bdi>{}</bdi>", value)
            for key, value in data.items()
        }
    )
    # The sentence is our own catalog's text; every value in it was escaped by format_html.
    return mark_safe(str(entry.text % isolated))  # nosec B308 B703

"""Writing and describing audit entries. Services call `audit_log` inside their transaction.

The core knows no domain: each app registers the sentences of its own actions with
`register_audit_messages` (in its `audit.py`, imported from `AppConfig.ready()`), together with
how to turn the codes it stores in an entry's data into words.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .models import AuditEntry

Label = Callable[[object], str]


@dataclass(frozen=True)
class AuditMessage:
    """The sentence shown after the actor's name, and how to word the codes in its data."""

    text: Promise | str
    labels: Mapping[str, Label] = field(default_factory=dict)


_MESSAGES: dict[str, AuditMessage] = {}


def register_audit_messages(
    messages: Mapping[str, Promise | str], *, labels: Mapping[str, Label] | None = None
) -> None:
    """Register actions with their sentences; placeholders come from the entry's data. A sentence
    about a number is an `ngettext_lazy(singular, plural, "count")`, so "1 people" never shows.

    `labels` maps a data key to a function that words its stored value (a role code becomes
    "facilitator"). Registering an action twice with another sentence is a programming error."""
    for action, text in messages.items():
        message = AuditMessage(text, dict(labels or {}))
        if _MESSAGES.get(action, message) != message:
            raise ValueError(f"Audit action {action!r} is registered twice")
        _MESSAGES[action] = message


def registered_audit_actions() -> frozenset[str]:
    return frozenset(_MESSAGES)


def choice_label(choices: type[models.Choices]) -> Label:
    """Word a stored choice by its label in lower case; an unknown value stays as it is."""

    def label(value: object) -> str:
        return str(choices(value).label).lower() if value in choices.values else str(value)

    return label


def field_names(model: type[models.Model]) -> Label:
    """Word a list of field names by their verbose names."""

    def label(value: object) -> str:
        names = []
        for name in value if isinstance(value, list) else [value]:
            try:
                names.append(str(model._meta.get_field(name).verbose_name))
            except Exception:
                names.append(str(name))
        return ", ".join(names)

    return label


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return ""


def audit_log(*, community, actor, action: str, **data) -> AuditEntry:
    """Record that `actor` did `action` in `community`; `data` fills the description."""
    if action not in _MESSAGES:
        raise ValueError(f"Unknown audit action {action!r}")
    return AuditEntry.objects.create(community=community, actor=actor, action=action, data=data)


def save_logged(instance: models.Model, *, fields: Mapping, community, actor, action: str, **data):
    """Set `fields` on `instance`, save it, and log `action` (with `data` for its sentence)."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    audit_log(community=community, actor=actor, action=action, **data)
    return instance


def delete_logged(instance: models.Model, *, community, actor, action: str, **data) -> None:
    """Log `action` (with `data`), then delete `instance`."""
    audit_log(community=community, actor=actor, action=action, **data)
    instance.delete()


def audit_describe(entry: AuditEntry) -> str:
    """The entry as a sentence in the active language; unknown keys are shown empty."""
    message = _MESSAGES.get(entry.action)
    if message is None:
        return entry.action
    data = _Lenient(entry.data)
    for key, label in message.labels.items():
        if key in data:
            data[key] = label(data[key])
    # `%` on the lazy text itself: a sentence made with ngettext_lazy(…, "count") picks its
    # singular or plural form from the entry's data.
    return _without_dangling_colon(str(message.text % data))


def _without_dangling_colon(sentence: str) -> str:
    """ "saved version 2 of the question: " without a note reads as if something is missing:
    a sentence whose last value is empty ends before its colon."""
    trimmed = sentence.rstrip()
    return trimmed[:-1].rstrip() if trimmed.endswith(":") else sentence


def audit_describe_html(entry: AuditEntry) -> SafeString:
    """The sentence as HTML for a page: each value from the entry's data (a name, a title) sits
    in its own `<bdi>`, so right-to-left text or a direction override inside a name cannot turn
    the rest of the line around. Numbers stay numbers, so a plural sentence still picks its form.
    """
    message = _MESSAGES.get(entry.action)
    if message is None:
        return format_html("{}", entry.action)
    data = _Lenient(entry.data)
    for key, label in message.labels.items():
        if key in data:
            data[key] = label(data[key])
    isolated = _Lenient(
        {
            key: value
            if isinstance(value, int | float)
            else ("" if value in ("", None) else format_html("<bdi>{}</bdi>", value))
            for key, value in data.items()
        }
    )
    # The sentence is our own catalog's text; every value in it was escaped by format_html.
    return mark_safe(_without_dangling_colon(str(message.text % isolated)))  # nosec B308 B703

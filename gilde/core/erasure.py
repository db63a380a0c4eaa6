"""The core's part of a person's data (see `personal_data.py`): the audit entries they wrote, and
every place where their name or address was copied as text — an audit entry's data ("invited
x@example.org", "removed Piet"), the arguments and results of background tasks."""

import json

from django.conf import settings
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .personal_data import register_personal_data


def _forms(text: str) -> list[str]:
    """`text` as it may sit in a JSON column: as it is, and with non-ASCII letters escaped (how
    Django writes JSON on SQLite)."""
    escaped = json.dumps(text)[1:-1]
    return list(dict.fromkeys([text, escaped]))


def _mentions(field: str, needles: list[str]) -> Q:
    query = Q()
    for needle in needles:
        for form in _forms(needle):
            query |= Q(**{f"{field}__icontains": form})
    return query


def replace_in(value, needles: list[str], replacement: str):
    """`value` (any JSON value) with every occurrence of a needle, in any case, replaced."""
    if isinstance(value, str):
        lowered = value.lower()
        for needle in needles:
            start = lowered.find(needle.lower())
            while start != -1:
                value = value[:start] + replacement + value[start + len(needle) :]
                lowered = value.lower()
                start = lowered.find(needle.lower(), start + len(replacement))
        return value
    if isinstance(value, list):
        return [replace_in(item, needles, replacement) for item in value]
    if isinstance(value, dict):
        return {key: replace_in(item, needles, replacement) for key, item in value.items()}
    return value


def person_needles(user) -> list[str]:
    """What identifies the person in copied text: their address and their full name."""
    needles = [user.email]
    if user.name and len(user.name.strip()) >= 3:
        needles.append(user.name.strip())
    return needles


def scrub_copies(*, needles: list[str], replacement: str) -> int:
    """Replace the person's name and address wherever they were copied as text: audit entries'
    data, and background tasks (whose arguments or results name them; those are deleted). Returns
    how many rows changed."""
    from django_tasks_db.models import DBTaskResult

    changed = 0
    entries = AuditEntry.objects.annotate(text=Cast("data", TextField())).filter(
        _mentions("text", needles)
    )
    for entry in entries:
        entry.data = replace_in(entry.data, needles, replacement)
        AuditEntry.objects.filter(pk=entry.pk).update(data=entry.data)
        changed += 1
    tasks = DBTaskResult.objects.annotate(
        arguments=Cast("args_kwargs", TextField()), result=Cast("return_value", TextField())
    ).filter(_mentions("arguments", needles) | _mentions("result", needles))
    deleted, _per_model = DBTaskResult.objects.filter(
        pk__in=list(tasks.values_list("pk", flat=True))
    ).delete()
    return changed + deleted


def _export(user) -> list[dict]:
    return [
        {
            "cop": entry.community.slug,
            "action": entry.action,
            "created_at": entry.created_at.isoformat(),
        }
        for entry in AuditEntry.objects.filter(actor=user)
        .select_related("community")
        .order_by("created_at", "pk")
    ]


def former_member_label() -> str:
    """What an erased person is called where their name was stored as text, in the
    installation's language (pages show `str(user)`, which follows the reader's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("Former member"))


def _erase(user) -> None:
    scrub_copies(needles=person_needles(user), replacement=former_member_label())


register_personal_data(
    app="core",
    title=_("What you did (audit log)"),
    models=["core.AuditEntry"],
    export=_export,
    erase=_erase,
)

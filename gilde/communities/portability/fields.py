"""How the export engine writes each field of a row (see the package's docstring)."""

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models

from . import Kind

COMMUNITY_EXCLUDE = ("id", "revision", "archived_at", "archive_warned_at", "purge_warned_at")
PERSON_FIELDS = ("name", "language", "function", "discipline", "sector", "knowledge_type")


def _is_user(model) -> bool:
    return model._meta.label == settings.AUTH_USER_MODEL


def _field_role(kind: Kind, model_field) -> str:
    """How the engine writes a field: skip, person, member, organisation, community, ref, value."""
    name = model_field.name
    if model_field.primary_key or name in kind.exclude or name in kind.regenerate:
        return "skip"
    if isinstance(model_field, models.BinaryField):
        return "skip"
    if model_field.is_relation:
        target = model_field.related_model
        label = target._meta.label
        if name == kind.parent:
            return "skip"
        if label == "communities.Community":
            return "skip"
        if _is_user(target):
            return "person"
        if label == "communities.Membership":
            return "member"
        if label == "accounts.Organisation":
            return "organisation"
        return "ref"
    return "value"


def fields_of(kind: Kind):
    model = kind.model_class
    fields = [f for f in model._meta.concrete_fields]
    fields += [f for f in model._meta.many_to_many]
    return [(f, _field_role(kind, f)) for f in fields if _field_role(kind, f) != "skip"]


def plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def plural(kind: Kind) -> str:
    """The key under which a kind's rows are written: "meeting_rows"."""
    return f"{kind.model_class._meta.model_name}_rows"

"""The JSON Schema of the export document, derived from every app's declaration."""

from django.db import models

from . import FORMAT, FORMAT_VERSION, Kind, portable_parts
from .fields import COMMUNITY_EXCLUDE, PERSON_FIELDS, fields_of, plural


def _field_schema(model_field, role: str) -> dict:
    nullable = getattr(model_field, "null", False)
    if model_field.many_to_many:
        item = {"type": "integer"} if role == "ref" else {"type": "string"}
        return {"type": "array", "items": item}
    if role in ("person", "member", "organisation"):
        schema: dict = {"type": "string"}
        nullable = True
    elif role == "ref":
        schema = {"type": "integer"}
        nullable = True
    elif isinstance(model_field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(model_field, models.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(model_field, models.FloatField):
        schema = {"type": "number"}
    elif isinstance(model_field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(model_field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(model_field, models.JSONField):
        schema = {}
    else:
        schema = {"type": "string"}
    if nullable and "type" in schema:
        schema = {**schema, "type": [schema["type"], "null"]}
    return schema


def _kind_schema(kind: Kind) -> dict:
    properties: dict = {"local_id": {"type": "integer", "minimum": 1}}
    for model_field, role in fields_of(kind):
        properties[model_field.name] = (
            {"type": ["integer", "null"]}
            if model_field.name in kind.id_refs
            else _field_schema(model_field, role)
        )
    for child in kind.children:
        properties[plural(child)] = {"type": "array", "items": _kind_schema(child)}
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def export_schema() -> dict:
    """The JSON Schema of the export document, derived from every app's declaration."""
    from ..models import Community

    community = {
        f.name: _field_schema(f, "value")
        for f in Community._meta.concrete_fields
        if f.name not in COMMUNITY_EXCLUDE
    }
    person = {
        "email": {"type": "string"},
        **{name: {"type": "string"} for name in PERSON_FIELDS},
        "organisation": {"type": ["string", "null"]},
        "former_member": {"type": "boolean"},
    }
    parts = {
        part.app: {
            "type": "object",
            "properties": {
                plural(kind): {"type": "array", "items": _kind_schema(kind)} for kind in part.kinds
            },
            "additionalProperties": False,
        }
        for part in portable_parts()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"gilde-cop-export.v{FORMAT_VERSION}.schema.json",
        "title": "Gilde CoP export",
        "type": "object",
        "required": [
            "format",
            "version",
            "exported_at",
            "with_private",
            "private_included_for",
            "community",
            "people",
            "parts",
        ],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": FORMAT_VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "with_private": {"type": "boolean"},
            "private_included_for": {"type": "array", "items": {"type": "string"}},
            "community": {
                "type": "object",
                "properties": community,
                "required": sorted(community),
                "additionalProperties": False,
            },
            "people": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": person,
                    "required": sorted(person),
                    "additionalProperties": False,
                },
            },
            "parts": {"type": "object", "properties": parts, "additionalProperties": False},
        },
    }

"""A CoP as one versioned JSON document, and back: `gilde export-cop SLUG`, `gilde import-cop FILE`.

Each app declares its part in `<app>/portability.py`, imported from its `AppConfig.ready()`:

    register_portable_part(
        app="meetings",
        order=60,
        kinds=[
            Kind("meetings.EvaluationQuestion", community_path="community"),
            Kind(
                "meetings.Meeting",
                community_path="community",
                regenerate=("uid",),
                children=[Kind("meetings.AgendaItem", parent="meeting"), ...],
            ),
        ],
    )

The contract:
- A `Kind` is a model whose rows belong to the CoP: top-level kinds name the lookup from the model
  to the CoP (`community_path`, e.g. "community" or "membership__community"); a child kind names
  the foreign key to its parent row (`parent`) and is written inside it.
- Fields are written by the engine, never by hand: ids are left out (rows refer to each other by
  a number local to the document), a person by e-mail address (the document's `people` list holds
  who they are), a membership by its person's address, an organisation by name, a row of another
  kind by its local number (the other kind must be declared too, in any app), dates and times as
  ISO text in UTC. `exclude` leaves fields out (counters that mean nothing elsewhere),
  `regenerate` leaves out values that must be new in another installation (a calendar UID), and
  `key_refs` translates text keys that hold an id ("cop-12" → the work form's local number).
- Rows are written in an order that follows their content, not their ids or the order they were
  made (anonymous evaluation answers stay unlinkable), so exporting an imported CoP gives the same
  document again.
- `private=` marks a kind as private to its author (a learning-record entry): its rows are left
  out unless the export runs `--with-private` *and* the author consented
  (`PrivateExportConsent`); `private(queryset, ctx)` returns the rows that may be written, e.g.
  `queryset.filter(Q(visibility="private") & ~Q(membership__in=ctx.consenting) ...)` excluded.
- The JSON Schema of the whole document is derived from the declarations
  (`export_schema()`); `docs/cop-export.v1.schema.json` is that schema, and a test keeps the file
  and the declarations in step. A change that alters the document's shape for existing readers
  raises `FORMAT_VERSION`; an import refuses documents of a newer version.
"""

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

FORMAT = "gilde-cop-export"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Kind:
    model: str
    community_path: str = ""
    parent: str = ""
    children: Sequence["Kind"] = ()
    exclude: Sequence[str] = ()
    regenerate: Sequence[str] = ()
    key_refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    private: Callable | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class PortablePart:
    app: str
    order: int
    kinds: Sequence[Kind]


_PARTS: dict[str, PortablePart] = {}


def register_portable_part(*, app: str, order: int, kinds: Sequence[Kind]) -> None:
    _PARTS[app] = PortablePart(app, order, tuple(kinds))


def portable_parts() -> list[PortablePart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.app))


def _all_kinds(kinds: Sequence[Kind]):
    for kind in kinds:
        yield kind
        yield from _all_kinds(kind.children)


def portable_models() -> set[str]:
    return {kind.model for part in _PARTS.values() for kind in _all_kinds(part.kinds)}


class ImportRefused(Exception):
    """The document cannot be imported; `message` says why."""


# What a field becomes


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


def _fields(kind: Kind):
    model = kind.model_class
    fields = [f for f in model._meta.concrete_fields]
    fields += [f for f in model._meta.many_to_many]
    return [(f, _field_role(kind, f)) for f in fields if _field_role(kind, f) != "skip"]


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# Export


@dataclass
class ExportContext:
    community: object
    with_private: bool = False
    consenting: set = field(default_factory=set)  # membership ids that consented
    people: dict = field(default_factory=dict)  # e-mail -> user
    local: dict = field(default_factory=dict)  # (model label, pk) -> local number
    counters: dict = field(default_factory=dict)  # model label -> last local number given
    children: dict = field(default_factory=dict)  # (model label, pk) -> {child label: [rows]}

    def person(self, user) -> str | None:
        if user is None:
            return None
        self.people[user.email] = user
        return user.email


def _ref_of(ctx: ExportContext, label: str, pk) -> int | None:
    if pk is None:
        return None
    return ctx.local.get((label, pk))


def _row(ctx: ExportContext, kind: Kind, obj, *, with_refs: bool = True) -> dict:
    row: dict = {}
    for model_field, role in _fields(kind):
        name = model_field.name
        if role == "value":
            value = _plain(getattr(obj, model_field.attname))
            if name in kind.key_refs and isinstance(value, str):
                label, prefix = kind.key_refs[name]
                if value.startswith(prefix) and value[len(prefix) :].isdigit():
                    number = _ref_of(ctx, label, int(value[len(prefix) :]))
                    value = f"{prefix}#{number}" if number is not None else ""
            row[name] = value
        elif model_field.many_to_many:
            related = list(getattr(obj, name).all())
            if role == "person":
                row[name] = sorted(ctx.person(user) for user in related)
            elif role == "member":
                row[name] = sorted(ctx.person(m.user) for m in related)
            elif role == "organisation":
                row[name] = sorted(o.name for o in related)
            else:
                label = model_field.related_model._meta.label
                row[name] = sorted(
                    n for n in (_ref_of(ctx, label, o.pk) for o in related) if n is not None
                )
        else:
            target = getattr(obj, name)
            if role == "person":
                row[name] = ctx.person(target)
            elif role == "member":
                row[name] = ctx.person(target.user) if target is not None else None
            elif role == "organisation":
                row[name] = target.name if target is not None else None
            else:
                label = model_field.related_model._meta.label
                row[name] = (
                    _ref_of(ctx, label, getattr(obj, model_field.attname)) if with_refs else None
                )
    return row


def _number(ctx: ExportContext, kind: Kind, groups: list[list]) -> list[list]:
    """Sort each group of rows (all of a top-level kind, or the children of one parent) by
    content and give them local numbers in that order, then do the same for their children.
    Numbering everything before anything is written lets a row refer to a row of any kind."""
    children_of: dict = {}
    sorted_groups = []
    for objects in groups:
        pairs = []
        for obj in objects:
            kids = {
                child.model: list(child.model_class._default_manager.filter(**{child.parent: obj}))
                for child in kind.children
            }
            nested = [
                sorted(_canonical(_row(ctx, child, c, with_refs=False)) for c in kids[child.model])
                for child in kind.children
            ]
            # The id decides only between rows whose content is the same.
            key = _canonical([_row(ctx, kind, obj, with_refs=False), nested])
            pairs.append((key, str(obj.pk).zfill(20), obj, kids))
        pairs.sort(key=lambda pair: (pair[0], pair[1]))
        sorted_groups.append([obj for _key, _pk, obj, _kids in pairs])
        for _key, _pk, obj, kids in pairs:
            children_of[obj.pk] = kids
    start = ctx.counters.get(kind.model, 0)
    number = start
    for objects in sorted_groups:
        for obj in objects:
            number += 1
            ctx.local[(kind.model, obj.pk)] = number
    ctx.counters[kind.model] = number
    for child in kind.children:
        child_groups = [
            children_of[obj.pk][child.model] for objects in sorted_groups for obj in objects
        ]
        ordered = _number(ctx, child, child_groups)
        position = 0
        for objects in sorted_groups:
            for obj in objects:
                children_of[obj.pk][child.model] = ordered[position]
                position += 1
    ctx.children.update({(kind.model, pk): kids for pk, kids in children_of.items()})
    return sorted_groups


def _write_kind(ctx: ExportContext, kind: Kind, objects: list) -> list[dict]:
    rows = []
    for obj in objects:
        row = {"local_id": ctx.local[(kind.model, obj.pk)], **_row(ctx, kind, obj)}
        kids = ctx.children.get((kind.model, obj.pk), {})
        for child in kind.children:
            row[_plural(child)] = _write_kind(ctx, child, kids.get(child.model, []))
        rows.append(row)
    return rows


def _plural(kind: Kind) -> str:
    return f"{kind.model_class._meta.model_name}_rows"


COMMUNITY_EXCLUDE = ("id", "revision", "archived_at", "archive_warned_at", "purge_warned_at")
PERSON_FIELDS = ("name", "language", "function", "discipline", "industry", "knowledge_type")
# Fields renamed since documents of this format version were first written: the old name → the
# name today. An import reads a document under either name ("sector" became "industry").
RENAMED_FIELDS = {
    "sector": "industry",
    "one_organisation_per_sector": "one_organisation_per_industry",
}


def _current_names(row: dict) -> dict:
    """`row` with fields under an old name (RENAMED_FIELDS) under today's, unless both occur."""
    renamed = {RENAMED_FIELDS[key]: row[key] for key in row.keys() & RENAMED_FIELDS.keys()}
    return {**renamed, **{key: value for key, value in row.items() if key not in RENAMED_FIELDS}}


def export_document(community, *, with_private: bool = False, consenting=()) -> dict:
    """The CoP and everything in it, as a JSON-able document (see the module's docstring)."""
    from .models import Community

    ctx = ExportContext(community, with_private, set(consenting))
    cop = {
        f.name: _plain(getattr(community, f.attname))
        for f in Community._meta.concrete_fields
        if f.name not in COMMUNITY_EXCLUDE
    }
    parts: dict = {}
    # Every kind is numbered first, so a row may refer to a row of a kind declared after it.
    numbered = []
    for part in portable_parts():
        for kind in part.kinds:
            queryset = kind.model_class._default_manager.filter(**{kind.community_path: community})
            if kind.private is not None:
                queryset = kind.private(queryset, ctx)
            numbered.append((part, kind, _number(ctx, kind, [list(queryset)])[0]))
    for part, kind, objects in numbered:
        parts.setdefault(part.app, {})[_plural(kind)] = _write_kind(ctx, kind, objects)
    people = [
        {
            "email": email,
            **{name: getattr(user, name) for name in PERSON_FIELDS},
            "organisation": user.organisation.name if user.organisation else None,
            "former_member": user.erased_at is not None,
        }
        for email, user in sorted(ctx.people.items())
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().astimezone(UTC).isoformat(),
        "with_private": bool(with_private),
        "private_included_for": sorted(
            m.user.email for m in community.memberships.filter(pk__in=ctx.consenting)
        )
        if with_private
        else [],
        "community": cop,
        "people": people,
        "parts": parts,
    }


def canonical_json(document: dict) -> str:
    """The document without the moment it was made, keys sorted: two exports of the same CoP
    give the same text."""
    return json.dumps(
        {key: value for key, value in document.items() if key != "exported_at"},
        sort_keys=True,
        ensure_ascii=False,
        indent=1,
    )


# Import


@dataclass
class ImportContext:
    community: object
    users: dict = field(default_factory=dict)  # e-mail -> user
    members: dict = field(default_factory=dict)  # e-mail -> membership
    local: dict = field(default_factory=dict)  # (model label, local number) -> object
    deferred: list = field(default_factory=list)  # (obj, attname, label, local number)
    created_people: int = 0


def _parse(model_field, value):
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField):
        return datetime.fromisoformat(value)
    if isinstance(model_field, models.DateField):
        return date.fromisoformat(value)
    if isinstance(model_field, models.DecimalField):
        return Decimal(value)
    if isinstance(model_field, models.UUIDField):
        return uuid.UUID(value)
    return value


def _people(ctx: ImportContext, people: list[dict]) -> None:
    from gilde.accounts.models import User
    from gilde.accounts.services import organisation_get_or_create

    for person in map(_current_names, people):
        email = person["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                is_active=False,
                organisation=organisation_get_or_create(name=person.get("organisation") or ""),
                erased_at=timezone.now() if person.get("former_member") else None,
                **{name: person.get(name) or "" for name in PERSON_FIELDS},
            )
            if user.language not in dict(settings.LANGUAGES):
                user.language = settings.LANGUAGE_CODE
            user.set_unusable_password()
            user.save()
            ctx.created_people += 1
        ctx.users[email] = user


def _import_rows(ctx: ImportContext, kind: Kind, rows: list[dict], parent=None) -> None:
    from gilde.accounts.services import organisation_get_or_create

    model = kind.model_class
    for row in map(_current_names, rows):
        values: dict = {}
        many: list = []
        for model_field, role in _fields(kind):
            name = model_field.name
            if name not in row:
                continue
            value = row[name]
            if model_field.many_to_many:
                many.append((model_field, role, value or []))
            elif role == "value":
                if name in kind.key_refs and isinstance(value, str) and "#" in value:
                    label, prefix = kind.key_refs[name]
                    target = ctx.local.get((label, int(value.split("#", 1)[1])))
                    value = f"{prefix}{target.pk}" if target is not None else ""
                values[model_field.attname] = _parse(model_field, value)
            elif role == "person":
                values[name] = ctx.users.get(value) if value else None
            elif role == "member":
                values[name] = ctx.members.get(value) if value else None
            elif role == "organisation":
                values[name] = organisation_get_or_create(name=value) if value else None
            elif value is not None:
                label = model_field.related_model._meta.label
                target = ctx.local.get((label, value))
                if target is None:
                    ctx.deferred.append((None, model_field.attname, label, value))
                    values[model_field.attname] = None
                else:
                    values[model_field.attname] = target.pk
        for model_field in model._meta.concrete_fields:
            related = model_field.related_model if model_field.is_relation else None
            if related is not None and related._meta.label == "communities.Community":
                values[model_field.name] = ctx.community
        if kind.parent:
            values[kind.parent] = parent
        obj = model(**values)
        obj.save()
        # Rows that refer to a row not made yet get the reference once everything exists.
        ctx.deferred = [
            (obj if pending is None else pending, attname, label, number)
            for pending, attname, label, number in ctx.deferred
        ]
        for model_field, role, value in many:
            manager = getattr(obj, model_field.name)
            if role == "member":
                manager.set([ctx.members[email] for email in value if email in ctx.members])
            elif role == "person":
                manager.set([ctx.users[email] for email in value if email in ctx.users])
            else:
                label = model_field.related_model._meta.label
                manager.set([ctx.local[(label, n)] for n in value if (label, n) in ctx.local])
        ctx.local[(kind.model, row["local_id"])] = obj
        if kind.model == "communities.Membership":
            ctx.members[obj.user.email] = obj  # type: ignore[attr-defined]
        for child in kind.children:
            _import_rows(ctx, child, row.get(_plural(child), []), parent=obj)


def import_check(document: object) -> dict:
    """The document, when it is one this installation can import; raises `ImportRefused`."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused("This file is not a Gilde CoP export.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused("This export has no format version.")
    if version > FORMAT_VERSION:
        raise ImportRefused(
            f"This export has format version {version}; this installation of Gilde reads up to "
            f"version {FORMAT_VERSION}. Upgrade Gilde first."
        )
    for key in ("community", "people", "parts"):
        if key not in document:
            raise ImportRefused(f"This export lacks its {key!r} section.")
    return document


@transaction.atomic
def import_document(document: dict, *, slug: str | None = None):
    """Recreate the CoP of `document` (new ids; people matched by e-mail address, or created
    inactive and unconfirmed). Returns (community, people created). Raises `ImportRefused`."""
    from .models import Community
    from .revision import community_touch

    document = import_check(document)
    cop = dict(document["community"])
    if slug:
        cop["slug"] = slug
    if Community.objects.filter(slug=cop.get("slug")).exists():
        raise ImportRefused(
            f"A CoP with the address {cop.get('slug')!r} exists already; "
            "choose another with --slug."
        )
    values = {}
    for model_field in Community._meta.concrete_fields:
        if model_field.name in cop and model_field.name not in COMMUNITY_EXCLUDE:
            values[model_field.attname] = _parse(model_field, cop[model_field.name])
    community = Community(**values)
    community.full_clean()
    community.save()
    ctx = ImportContext(community)
    _people(ctx, document["people"])
    parts = document["parts"]
    for part in portable_parts():
        section = parts.get(part.app, {})
        for kind in part.kinds:
            _import_rows(ctx, kind, section.get(_plural(kind), []))
    for obj, attname, label, number in ctx.deferred:
        target = ctx.local.get((label, number))
        if obj is not None and target is not None:
            setattr(obj, attname, target.pk)
            obj.save(update_fields=[attname.removesuffix("_id")])
    community_touch(community_id=community.pk)
    return community, ctx.created_people


# The document's JSON Schema


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
    for model_field, role in _fields(kind):
        properties[model_field.name] = _field_schema(model_field, role)
    for child in kind.children:
        properties[_plural(child)] = {"type": "array", "items": _kind_schema(child)}
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def export_schema() -> dict:
    """The JSON Schema of the export document, derived from every app's declaration."""
    from .models import Community

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
                _plural(kind): {"type": "array", "items": _kind_schema(kind)} for kind in part.kinds
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


register_portable_part(
    app="communities",
    order=10,
    kinds=[
        Kind("communities.Membership", community_path="community"),
        Kind("communities.PrivateExportConsent", community_path="membership__community"),
        Kind("communities.Application", community_path="community"),
        Kind("communities.StepMark", community_path="community"),
        Kind("core.AuditEntry", community_path="community"),
    ],
)

"""Import: a CoP document recreated with new ids (see the package's docstring)."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from . import FORMAT, FORMAT_VERSION, ImportRefused, Kind, portable_parts
from .fields import COMMUNITY_EXCLUDE, PERSON_FIELDS, fields_of, plural


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

    for person in people:
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
    for row in rows:
        values: dict = {}
        many: list = []
        for model_field, role in fields_of(kind):
            name = model_field.name
            if name not in row:
                continue
            value = row[name]
            if model_field.many_to_many:
                many.append((model_field, role, value or []))
            elif role == "value":
                if name in kind.key_refs and isinstance(value, str) and "#" in value:
                    prefix, number = value.split("#", 1)
                    label = dict((p, lbl) for lbl, p in kind.key_ref_targets(name)).get(prefix)
                    target = ctx.local.get((label, int(number))) if number.isdigit() else None
                    value = f"{prefix}{target.pk}" if target is not None else ""
                elif name in kind.id_refs and value is not None:
                    target = ctx.local.get((kind.id_refs[name], value))
                    value = target.pk if target is not None else None
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
        if any(
            values.get(name) is None and not model._meta.get_field(name).null
            for name in kind.id_refs
        ):
            continue  # it named a row the CoP no longer had (a role at a deleted meeting)
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
            _import_rows(ctx, child, row.get(plural(child), []), parent=obj)


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
    from ..models import Community
    from ..revision import community_touch

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
            _import_rows(ctx, kind, section.get(plural(kind), []))
    for obj, attname, label, number in ctx.deferred:
        target = ctx.local.get((label, number))
        if obj is not None and target is not None:
            setattr(obj, attname, target.pk)
            obj.save(update_fields=[attname.removesuffix("_id")])
    community_touch(community_id=community.pk)
    return community, ctx.created_people

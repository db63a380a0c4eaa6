"""Export: a CoP as one JSON-able document (see the package's docstring)."""

import json
from dataclasses import dataclass, field
from datetime import UTC

from django.utils import timezone

from . import FORMAT, FORMAT_VERSION, Kind, portable_parts
from .fields import COMMUNITY_EXCLUDE, PERSON_FIELDS, canonical, fields_of, plain, plural


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


def _row(ctx: ExportContext, kind: Kind, obj) -> dict:
    row: dict = {}
    for model_field, role in fields_of(kind):
        name = model_field.name
        if role == "value":
            value = plain(getattr(obj, model_field.attname))
            if name in kind.key_refs and isinstance(value, str):
                for label, prefix in kind.key_ref_targets(name):
                    if value.startswith(prefix) and value[len(prefix) :].isdigit():
                        number = _ref_of(ctx, label, int(value[len(prefix) :]))
                        value = f"{prefix}#{number}" if number is not None else ""
                        break
            elif name in kind.id_refs:
                value = _ref_of(ctx, kind.id_refs[name], value)
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
                row[name] = _ref_of(ctx, label, getattr(obj, model_field.attname))
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
                sorted(canonical(_row(ctx, child, c)) for c in kids[child.model])
                for child in kind.children
            ]
            # The id decides only between rows whose content is the same. A reference counts by
            # its local number once the kind it names is numbered (options before the votes that
            # score them), and as nothing before: the same in every export of the same CoP.
            key = canonical([_row(ctx, kind, obj), nested])
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
            row[plural(child)] = _write_kind(ctx, child, kids.get(child.model, []))
        rows.append(row)
    return rows


def export_document(community, *, with_private: bool = False, consenting=()) -> dict:
    """The CoP and everything in it, as a JSON-able document (see the module's docstring)."""
    from ..models import Community

    ctx = ExportContext(community, with_private, set(consenting))
    cop = {
        f.name: plain(getattr(community, f.attname))
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
        parts.setdefault(part.app, {})[plural(kind)] = _write_kind(ctx, kind, objects)
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

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
  `key_refs` translates text keys that hold an id ("cop-12" → the work form's local number; a
  field may name several kinds by their prefixes, "decisions.decision:5"), and `id_refs` a
  plain number that holds another app's row id (a poll's `meeting_id` → the meeting's local
  number), where a foreign key would tie two step apps together.
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

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
    # field -> (label, prefix), or a list of them when the key may name rows of several kinds
    key_refs: dict[str, tuple[str, str] | list[tuple[str, str]]] = field(default_factory=dict)
    id_refs: dict[str, str] = field(default_factory=dict)  # field -> label of the kind it names
    private: Callable | None = None

    def key_ref_targets(self, name: str) -> list[tuple[str, str]]:
        targets = self.key_refs.get(name, [])
        return [targets] if isinstance(targets, tuple) else list(targets)

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


# The engine's modules come after the registry they read.
from .exporting import canonical_json, export_document  # noqa: E402
from .importing import import_check, import_document  # noqa: E402
from .schema import export_schema  # noqa: E402

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ImportRefused",
    "Kind",
    "PortablePart",
    "canonical_json",
    "export_document",
    "export_schema",
    "import_check",
    "import_document",
    "portable_models",
    "portable_parts",
    "register_portable_part",
]

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

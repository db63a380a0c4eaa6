"""Texts that several people edit together: every save is a numbered version, and no save is lost.

A versioned document keeps its current text plus a `revision` counter; each save names the
revision it started from. When someone saved in between, the save is refused with `StaleEdit`
(optimistic locking): the editor sees what is saved now beside what they wrote, merges, and saves
again. Each successful save adds a version (number, note, author, time), so the history is a
result in itself (step 1's question sharpening, the group's working agreements, a canvas).

Used by the question sheet (step 1) and every later document; the templates
`components/versions/*.html` show conflicts and comparisons the same way everywhere.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .diff import Piece, diff_words

Version = TypeVar("Version", bound="DocumentVersion")

# Versions never change, so the comparison of two of them is kept for a day.
DIFF_CACHE_SECONDS = 24 * 60 * 60


class VersionedDocument(models.Model):
    """The current state of a document; `revision` rises with every save."""

    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class DocumentVersion(models.Model):
    """One saved state of a document. Subclasses add the document's fields and its owner."""

    number = models.PositiveIntegerField()
    note = models.CharField(_("why we changed it"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    """Someone saved since the editor loaded the page; `current` is what is saved now."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def versioned_save(
    *,
    document: VersionedDocument,
    fields: Mapping[str, object],
    revision: int,
    versions: models.QuerySet,
    create_version: Callable[[int], Version],
) -> Version | None:
    """Save `fields` on `document` if it is still at `revision`, and add version number n + 1.

    Returns None when nothing changed; raises `StaleEdit` (with the saved state) when another save
    came first. `versions` are the document's versions so far; `create_version(number)` writes
    the new one. Call inside `transaction.atomic`: the conditional update serialises concurrent
    saves, so two of them never get the same number."""
    unchanged = all(getattr(document, name) == value for name, value in fields.items())
    if document.revision == revision and unchanged:
        return None
    model = type(document)
    updated = model.objects.filter(pk=document.pk, revision=revision).update(
        revision=F("revision") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        document.refresh_from_db()
        raise StaleEdit(document)
    document.refresh_from_db(fields=["revision", "updated_at", *fields])
    last = versions.aggregate(last=Max("number"))["last"] or 0
    return create_version(last + 1)


def conflict_rows(
    current: object, yours: Mapping[str, str], labels: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(label, saved now, yours) for every field where the two differ, in the order of `labels`."""
    return [
        (label, getattr(current, name), yours[name])
        for name, label in labels.items()
        if getattr(current, name) != yours[name]
    ]


def version_diff(
    older: DocumentVersion, newer: DocumentVersion, labels: Mapping[str, str]
) -> list[tuple[str, list[Piece]]]:
    """(label, pieces) for every field from `older` to `newer`; cached per pair of versions."""
    # The model and the creation times keep a key from outliving its versions.
    key = ":".join(
        [
            "version-diff:v2",
            older._meta.label,
            str(older.pk),
            str(older.created_at.timestamp()),
            str(newer.pk),
            str(newer.created_at.timestamp()),
        ]
    )
    pieces = cache.get(key)
    if pieces is None:
        pieces = {name: diff_words(getattr(older, name), getattr(newer, name)) for name in labels}
        cache.set(key, pieces, DIFF_CACHE_SECONDS)
    return [(label, pieces[name]) for name, label in labels.items()]


def field_labels(model: type[models.Model], names: Iterable[str]) -> dict[str, str]:
    """The verbose names of `names`, in order: the labels the templates show."""
    return {name: model._meta.get_field(name).verbose_name for name in names}

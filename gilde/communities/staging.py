"""Imports waiting between upload and confirmation: writes and reads of `ImportStaging`.

Shared by every step that imports a table (candidates in step 2, ties in step 6). The parsed rows
(up to a few MB) wait here instead of in the session, which every later request of the person
would load and save. The session holds only the staging's random id, and every read also checks
the owner, the CoP and the kind of import, so nobody else can continue someone's import. Small
files are read during the upload; larger ones by the background worker (the app's own task calls
`import_read`), outside any transaction, so a slow file never holds the database's write lock.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from gilde.core import tabular

from .models import Community, ImportStaging, ImportStatus

LIFETIME = timedelta(hours=24)

Guess = Callable[[list[str]], list[str]]


def import_staging_purge() -> int:
    """Delete the imports nobody finished in time; returns how many."""
    deleted, _ = ImportStaging.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def import_start(
    *,
    community: Community,
    owner,
    kind: str,
    filename: str,
    data: bytes,
    limits: tabular.Limits,
    guess: Guess,
    read_task,
) -> ImportStaging:
    """Check an upload and stage it: read now when small, else queue `read_task` (a task taking
    the staging's id) for the worker.

    Raises `tabular.ImportFileError` (nothing staged) when the file is refused. Replaces the
    owner's earlier import of this kind in this CoP and clears out expired ones."""
    background = tabular.check_upload(filename, data, limits)
    table = None if background else tabular.read_table(filename, data, limits=limits)
    with transaction.atomic():
        import_staging_purge()
        ImportStaging.objects.filter(community=community, owner=owner, kind=kind).delete()
        staging = ImportStaging(
            community=community,
            owner=owner,
            kind=kind,
            filename=filename[:200],
            expires_at=timezone.now() + LIFETIME,
        )
        if table is None:
            staging.upload = data
        else:
            _ready(staging, table, guess)
        staging.save()
        if table is None:
            staging_id = str(staging.pk)
            transaction.on_commit(lambda: read_task.enqueue(staging_id))
    return staging


def _ready(staging: ImportStaging, table: tabular.Table, guess: Guess) -> None:
    staging.status = ImportStatus.READY
    staging.progress = len(table.rows)
    staging.upload = b""
    staging.payload = {**table.as_session(), "mapping": guess(table.headers), "mapped": False}


def import_read(*, staging_id: str, limits: tabular.Limits, guess: Guess) -> str:
    """The worker's part: read a staged file within the time limit and keep the rows, or the
    reason it could not be read (in the owner's language). Returns the resulting status."""
    staging = (
        ImportStaging.objects.select_related("owner")
        .filter(pk=staging_id, status=ImportStatus.READING)
        .first()
    )
    if staging is None:
        return "gone"

    def progress(rows: int) -> None:
        ImportStaging.objects.filter(pk=staging.pk).update(progress=rows)

    with translation.override(staging.owner.language):
        try:
            table = tabular.read_table(
                staging.filename,
                bytes(staging.upload),
                limits=limits,
                seconds=limits.background_seconds,
                progress=progress,
            )
        except tabular.ImportFileError as error:
            ImportStaging.objects.filter(pk=staging.pk).update(
                status=ImportStatus.FAILED, error=str(error), upload=b""
            )
            return ImportStatus.FAILED
    _ready(staging, table, guess)
    # The owner may have cancelled or started another import meanwhile: then nothing is saved.
    ImportStaging.objects.filter(pk=staging.pk, status=ImportStatus.READING).update(
        status=staging.status,
        progress=staging.progress,
        upload=b"",
        payload=staging.payload,
    )
    return ImportStatus.READY


def import_staging_for(
    *, community: Community, owner, kind: str, staging_id
) -> ImportStaging | None:
    """The owner's unexpired import of this kind in this CoP with that id, or None."""
    try:
        pk = uuid.UUID(str(staging_id))
    except ValueError:
        return None
    return (
        ImportStaging.objects.defer("upload")
        .filter(pk=pk, community=community, owner=owner, kind=kind, expires_at__gt=timezone.now())
        .first()
    )


def import_mapping_save(*, staging: ImportStaging, mapping: list[str]) -> None:
    staging.payload = {**staging.payload, "mapping": mapping, "mapped": True}
    staging.save(update_fields=["payload"])


def import_staging_delete(*, staging: ImportStaging) -> None:
    ImportStaging.objects.filter(pk=staging.pk).delete()

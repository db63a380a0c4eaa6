"""Imports waiting between upload and confirmation: writes and reads of `ImportStaging`.

The parsed rows (up to a few MB) wait here instead of in the session, which every later request
of the person would load and save. The session holds only the staging's random id, and every
read also checks the owner and the CoP, so nobody else can continue someone's import. Small files
are read during the upload; larger ones by the background worker, outside any transaction, so a
slow file never holds the database's write lock.
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from gilde.communities.models import Community

from . import importing
from .models import ImportStaging, ImportStatus

LIFETIME = timedelta(hours=24)


def import_staging_purge() -> int:
    """Delete the imports nobody finished in time; returns how many."""
    deleted, _ = ImportStaging.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def import_start(*, community: Community, owner, filename: str, data: bytes) -> ImportStaging:
    """Check an upload and stage it: read now when small, else queue it for the worker.

    Raises `importing.ImportFileError` (nothing staged) when the file is refused. Replaces the
    owner's earlier import in this CoP and clears out expired ones."""
    background = importing.check_upload(filename, data)
    table = None if background else importing.read_table(filename, data)
    with transaction.atomic():
        import_staging_purge()
        ImportStaging.objects.filter(community=community, owner=owner).delete()
        staging = ImportStaging(
            community=community,
            owner=owner,
            filename=filename[:200],
            expires_at=timezone.now() + LIFETIME,
        )
        if table is None:
            staging.upload = data
        else:
            _ready(staging, table)
        staging.save()
        if table is None:
            from .tasks import import_read

            staging_id = str(staging.pk)
            transaction.on_commit(lambda: import_read.enqueue(staging_id))
    return staging


def _ready(staging: ImportStaging, table: importing.Table) -> None:
    staging.status = ImportStatus.READY
    staging.progress = len(table.rows)
    staging.upload = b""
    staging.payload = {
        **table.as_session(),
        "mapping": importing.guess_mapping(table.headers),
        "mapped": False,
    }


def import_read(*, staging_id: str) -> str:
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
            table = importing.read_table(
                staging.filename,
                bytes(staging.upload),
                seconds=importing.BACKGROUND_SECONDS,
                progress=progress,
            )
        except importing.ImportFileError as error:
            ImportStaging.objects.filter(pk=staging.pk).update(
                status=ImportStatus.FAILED, error=str(error), upload=b""
            )
            return ImportStatus.FAILED
    _ready(staging, table)
    # The owner may have cancelled or started another import meanwhile: then nothing is saved.
    ImportStaging.objects.filter(pk=staging.pk, status=ImportStatus.READING).update(
        status=staging.status,
        progress=staging.progress,
        upload=b"",
        payload=staging.payload,
    )
    return ImportStatus.READY


def import_staging_for(*, community: Community, owner, staging_id) -> ImportStaging | None:
    """The owner's unexpired import in this CoP with that id, or None."""
    try:
        pk = uuid.UUID(str(staging_id))
    except ValueError:
        return None
    return (
        ImportStaging.objects.defer("upload")
        .filter(pk=pk, community=community, owner=owner, expires_at__gt=timezone.now())
        .first()
    )


def import_mapping_save(*, staging: ImportStaging, mapping: list[str]) -> None:
    staging.payload = {**staging.payload, "mapping": mapping, "mapped": True}
    staging.save(update_fields=["payload"])


def import_staging_delete(*, staging: ImportStaging) -> None:
    ImportStaging.objects.filter(pk=staging.pk).delete()

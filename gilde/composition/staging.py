"""Step 2's imports waiting between upload and confirmation, on the shared staging machinery
(`communities.staging`): the same calls as before, with step 2's limits and header guesses."""

from gilde.communities import staging as shared
from gilde.communities.models import Community, ImportStaging

from . import importing

KIND = "composition.candidates"
LIFETIME = shared.LIFETIME
import_staging_purge = shared.import_staging_purge
import_mapping_save = shared.import_mapping_save
import_staging_delete = shared.import_staging_delete


def import_start(*, community: Community, owner, filename: str, data: bytes) -> ImportStaging:
    """Check an upload and stage it: read now when small, else queue it for the worker.

    Raises `importing.ImportFileError` (nothing staged) when the file is refused."""
    from .tasks import import_read as read_task

    return shared.import_start(
        community=community,
        owner=owner,
        kind=KIND,
        filename=filename,
        data=data,
        limits=importing.limits(),
        guess=importing.guess_mapping,
        read_task=read_task,
    )


def import_read(*, staging_id: str) -> str:
    """The worker's part (see `communities.staging.import_read`)."""
    return shared.import_read(
        staging_id=staging_id, limits=importing.limits(), guess=importing.guess_mapping
    )


def import_staging_for(*, community: Community, owner, staging_id) -> ImportStaging | None:
    return shared.import_staging_for(
        community=community, owner=owner, kind=KIND, staging_id=staging_id
    )

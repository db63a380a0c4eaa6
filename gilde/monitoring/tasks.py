"""Background work for step 6: reading a large file of ties (see `communities.staging`)."""

from django_tasks import task

from gilde.communities import staging

from . import importing


@task()
def ties_import_read(staging_id: str) -> str:
    """Read the staged file of a ties import, within the limits of `importing`."""
    return staging.import_read(
        staging_id=staging_id, limits=importing.LIMITS, guess=importing.guess_mapping
    )

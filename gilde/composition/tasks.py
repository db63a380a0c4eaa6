"""Background work for step 2: reading a large import file (see `staging.py`)."""

from django_tasks import task

from . import staging


@task()
def import_read(staging_id: str) -> str:
    """Read the staged file of an import, within the limits of `importing`."""
    return staging.import_read(staging_id=staging_id)

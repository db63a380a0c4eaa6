"""Background work for CoPs: the retention job (gilde/communities/retention.py), queued by the
worker's clock every ten minutes."""

import logging

from django_tasks import task

from .retention import retention_apply

logger = logging.getLogger(__name__)


@task()
def retention_run() -> dict[str, int]:
    """Warn, archive and purge the CoPs whose moment has come. Safe to run as often as you like."""
    counts = retention_apply()
    if any(counts.values()):
        logger.info("Retention: %s", counts)
    return counts

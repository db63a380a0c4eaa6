"""The background queue after a crash: tasks whose worker died are run again.

django-tasks-db marks a task running when a worker claims it and never looks at it again; a
worker killed in the middle (a deploy, the OOM killer, a power cut) leaves it running forever.
`gilde worker` calls `tasks_requeue_stale` when it starts and on every tick of its clock, so such a
task goes back in the queue once it has been running longer than any task should. Tasks are
written to be run again safely (e-mail: `gilde.core.mail.send_queued_mail`).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def tasks_requeue_stale(*, older_than: timedelta | None = None) -> int:
    """Put tasks that have been running longer than `older_than` back in the queue."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    older_than = older_than or timedelta(seconds=settings.GILDE_TASK_STALE_SECONDS)
    count = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    ).update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("Put %s tasks back in the queue whose worker had stopped", count)
    return count

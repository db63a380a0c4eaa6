"""`gilde worker`: django-tasks-db's worker, plus a clock that queues the periodic meeting e-mails
(and the clean-up of unconfirmed accounts).

django-tasks-db has no scheduler, so a small thread queues `send_due_notifications` every ten
minutes. Several workers each run a clock; that is harmless, because the task is idempotent.
"""

import logging
import os
import threading

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from gilde.core.queue import tasks_requeue_stale

logger = logging.getLogger(__name__)

PERIOD_SECONDS = 600


def _clock(stop: threading.Event, period: float) -> None:
    from gilde.core.periodic import periodic_tasks

    while True:
        try:
            close_old_connections()
            tasks_requeue_stale()
            # Every app's periodic work (gilde.core.periodic): meeting e-mails, unconfirmed
            # accounts, retention, polls closing, reminders, learning's prompts.
            for periodic in periodic_tasks():
                periodic.enqueue()
        except Exception:
            logger.exception("Could not queue the periodic work")
        finally:
            connection.close()
        if stop.wait(period):
            return


class Command(DbWorkerCommand):
    help = (
        "Run the background worker, and queue the periodic meeting e-mails every ten minutes "
        "(without --no-clock)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-clock",
            action="store_false",
            dest="clock",
            help="Do not queue the periodic meeting e-mails (when another worker or cron does).",
        )

    def handle(self, *args, clock: bool = True, **options):
        # Tasks a killed worker left running go back in the queue (gilde.core.queue).
        tasks_requeue_stale()
        # With --reload the parent process only watches files; the child does the work.
        in_reloader_parent = (
            options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if clock and not options.get("batch") and not in_reloader_parent:
            stop = threading.Event()
            threading.Thread(
                target=_clock, args=(stop, PERIOD_SECONDS), name="gilde-clock", daemon=True
            ).start()
        return super().handle(*args, **options)

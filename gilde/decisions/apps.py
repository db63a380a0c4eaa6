from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "gilde.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self):
        # Step 5's workspace, signals, instruments, audit sentences, home section, the sections on
        # meeting pages and the periodic task that closes polls and sends reminders; and its part
        # of the API.
        from gilde.core.periodic import register_periodic_task

        from . import (  # noqa: F401
            api,
            audit,
            home,
            instruments,
            meeting_sections,
            personal_data,
            portability,
            readiness,
            report,
            tasks,
            workspace,
        )

        register_periodic_task(tasks.decisions_due)

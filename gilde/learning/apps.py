from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "gilde.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self):
        # Step 7's page part, signals, audit sentences, instruments, the home's buddy line, the
        # meeting and preparation sections, the worker's periodic prompts, and its part of the API.
        from gilde.core.periodic import register_periodic_task

        from . import (  # noqa: F401
            api,
            audit,
            instruments,
            personal_data,
            portability,
            programme,
            readiness,
            report,
            sections,
            shared,
            workspace,
        )
        from .tasks import send_learning_prompts

        register_periodic_task(send_learning_prompts)

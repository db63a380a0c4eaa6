from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source
        from gilde.core.periodic import register_periodic_task

        from . import (  # noqa: F401  (the registries and what this app puts in them)
            activity,
            api,
            audit,
            first_steps,
            notices,
            now,
            personal_data,
            plan,
            portability,
            programme_figures,
            readiness,
            revision,
            selectors,
        )
        from .tasks import retention_run

        revision.connect()
        register_suggestion_source(selectors.profile_suggestions)
        register_periodic_task(retention_run)

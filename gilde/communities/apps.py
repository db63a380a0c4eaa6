from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source
        from gilde.core.periodic import register_periodic_task

        from . import api, audit, personal_data, portability, readiness, revision, selectors  # noqa: F401  (audit, the registry)  # noqa: F401  (API, personal data, export)
        from .tasks import retention_run

        revision.connect()
        register_suggestion_source(selectors.profile_suggestions)
        register_periodic_task(retention_run)

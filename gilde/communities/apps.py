from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source

        from . import audit, readiness, selectors  # noqa: F401  (audit sentences, the registry)

        register_suggestion_source(selectors.profile_suggestions)

from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source

        from . import audit, readiness, revision, selectors  # noqa: F401  (audit, the registry)

        revision.connect()
        register_suggestion_source(selectors.profile_suggestions)
        from . import api, personal_data, portability  # noqa: F401  (API, personal data, export)

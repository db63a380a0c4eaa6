from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source

        from . import (  # noqa: F401  (the registries and what this app puts in them)
            activity,
            audit,
            first_steps,
            notices,
            now,
            plan,
            readiness,
            revision,
            selectors,
        )

        revision.connect()
        register_suggestion_source(selectors.profile_suggestions)

from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source

        from . import audit, readiness, selectors, workspace  # noqa: F401  (step 2's registrations)

        register_suggestion_source(selectors.profile_suggestions)

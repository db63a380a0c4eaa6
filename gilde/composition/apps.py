from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source
        from gilde.communities.joining import on_member_joined

        from . import audit, instruments, now, readiness, selectors, workspace  # noqa: F401
        from .services import candidate_for_new_member

        # A candidate who joins the CoP becomes a member of the pipeline, with their details.
        on_member_joined(candidate_for_new_member)
        register_suggestion_source(selectors.profile_suggestions)
        # Members' facts and intake answers for the apps beside composition.
        from . import providers

        providers.register()
        from . import personal_data, portability  # noqa: F401  (personal data, CoP export)

from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from gilde.accounts.selectors import register_suggestion_source
        from gilde.communities.joining import on_member_joined
        from gilde.communities.members import register_member_facts

        from . import audit, instruments, now, readiness, selectors, workspace  # noqa: F401
        from .services import candidate_for_new_member

        # A candidate who joins the CoP becomes a member of the pipeline, with their details.
        on_member_joined(candidate_for_new_member)
        register_suggestion_source(selectors.profile_suggestions)
        register_member_facts(selectors.member_facts)

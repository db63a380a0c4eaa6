from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from gilde.communities.joining import on_member_joined

        from . import audit, instruments, readiness, workspace  # noqa: F401  (step 2's registrations)
        from .services import candidate_for_new_member

        # A candidate who joins the CoP becomes a member of the pipeline, with their details.
        on_member_joined(candidate_for_new_member)

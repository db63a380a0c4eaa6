from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from . import audit, readiness, workspace  # noqa: F401  (register step 2's signals, workspace)

from django.apps import AppConfig


class CompositionConfig(AppConfig):
    name = "gilde.composition"
    label = "composition"

    def ready(self):
        from . import readiness  # noqa: F401  (registers step 2's readiness signals)

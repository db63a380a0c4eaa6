from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "gilde.impact"
    label = "impact"

    def ready(self):
        from . import audit, readiness, workspace  # noqa: F401  (register step 3's signals and page)

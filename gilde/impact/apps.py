from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "gilde.impact"
    label = "impact"

    def ready(self):
        from . import (  # noqa: F401  (step 3's registrations, personal data, CoP export)
            audit,
            instruments,
            personal_data,
            portability,
            readiness,
            report,
            workspace,
        )

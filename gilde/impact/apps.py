from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "gilde.impact"
    label = "impact"

    def ready(self):
        from . import audit, instruments, personal_data, portability, readiness, workspace  # noqa: F401  (step 3's registrations)  # noqa: F401  (personal data, CoP export)

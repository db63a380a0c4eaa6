from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "gilde.guide"
    label = "guide"

    def ready(self):
        from . import audit, home, instruments, now  # noqa: F401  (audit, the home: rail, now)

        instruments.register_guide_instruments()
        from . import personal_data, portability  # noqa: F401  (personal data, CoP export)

from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "gilde.guide"
    label = "guide"

    def ready(self):
        from . import audit, home  # noqa: F401  (register the audit sentences and the home's rail)

from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from . import audit, readiness  # noqa: F401  (register the audit sentences and the registry)

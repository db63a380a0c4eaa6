from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from . import readiness  # noqa: F401  (registers the foundation's readiness signals)

from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "gilde.communities"
    label = "communities"

    def ready(self):
        from . import audit, readiness, revision  # noqa: F401  (audit sentences, the registry)

        revision.connect()

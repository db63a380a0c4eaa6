from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gilde.core"
    label = "core"

    def ready(self):
        # The core's part of a person's data: the audit log and copied names.
        from . import erasure  # noqa: F401

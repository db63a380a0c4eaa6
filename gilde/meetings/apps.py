from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part and step 5's ownership signal.
        from . import audit, readiness, workspace  # noqa: F401

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        from . import api, audit, instruments, personal_data, portability, readiness, workspace  # noqa: F401  # noqa: F401  (API, personal data, export)

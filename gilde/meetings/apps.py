from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        # What meetings tell other apps: evidence for monitoring, the meetings in time, agenda
        # items as interventions.
        from . import (  # noqa: F401
            audit,
            evidence,
            instruments,
            readiness,
            workspace,
        )

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        from . import (  # noqa: F401
            audit,
            instruments,
            library,
            notices,
            now,
            printing,
            readiness,
            starters,
            workspace,
        )

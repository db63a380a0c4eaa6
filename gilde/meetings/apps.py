from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        # What meetings tell other apps (registries in communities): the calendar, agenda items,
        # e-mail choices, the ownership trend, evidence for monitoring, agenda items as
        # interventions.
        from . import (  # noqa: F401
            audit,
            evidence,
            instruments,
            providers,
            readiness,
            workspace,
        )

        providers.register()

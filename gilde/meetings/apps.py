from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        # What meetings tell other apps: the calendar, the agenda and e-mail choices, evidence
        # for monitoring, agenda items as interventions.
        from . import (  # noqa: F401
            audit,
            evidence,
            instruments,
            providers,
            readiness,
            workspace,
        )

        providers.register()

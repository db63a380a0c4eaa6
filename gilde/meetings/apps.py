from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        # What meetings tell other apps (registries in communities): the calendar, agenda items,
        # e-mail choices, the ownership trend, evidence for monitoring, agenda items as
        # interventions, "now" items, notices, print pages, starters and library links; and its
        # part of the API, the personal data and the CoP export.
        from gilde.core.periodic import register_periodic_task

        from . import (  # noqa: F401
            api,
            audit,
            evidence,
            instruments,
            library,
            notices,
            now,
            personal_data,
            portability,
            printing,
            programme,
            providers,
            readiness,
            report,
            starters,
            workspace,
        )
        from .tasks import send_due_notifications

        providers.register()
        register_periodic_task(send_due_notifications)

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"

    def ready(self):
        # Register step 4's page part, step 5's ownership signal and the meetings' instruments.
        from . import audit, instruments, providers, readiness, workspace  # noqa: F401

        # The calendar, e-mail settings and the ownership trend for other apps (registries in
        # communities).
        providers.register()

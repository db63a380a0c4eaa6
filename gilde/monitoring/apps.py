from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "gilde.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        # Step 6's signals, workspace, evidence, meeting-page sections, instruments, audit texts
        # and its part of the API, the personal data and the CoP export.
        from . import (  # noqa: F401
            api,
            audit,
            evidence,
            instruments,
            meeting_pages,
            personal_data,
            portability,
            programme,
            readiness,
            report,
            workspace,
        )

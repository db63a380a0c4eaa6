from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "gilde.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        # Step 6's signals, workspace, evidence, meeting-page sections, instruments and audit texts.
        from . import (  # noqa: F401
            audit,
            evidence,
            instruments,
            meeting_pages,
            readiness,
            report,
            workspace,
        )

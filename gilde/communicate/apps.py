from django.apps import AppConfig


class CommunicateConfig(AppConfig):
    name = "gilde.communicate"
    label = "communicate"
    verbose_name = "Communicate"

    def ready(self):
        # Step 8's audit sentences, signals, workspace, "now" items, report sections, personal
        # data and CoP export; the results' counts a programme sees; the public page for the
        # learning record's public tier and the directory; the plan's reminders on the worker's
        # clock.
        from gilde.communities.offers import register_public_page
        from gilde.core.periodic import register_periodic_task

        from . import (  # noqa: F401
            audit,
            now,
            personal_data,
            portability,
            programme,
            readiness,
            sections,
            tasks,
            workspace,
        )
        from .selectors import public_page_shown_cached, public_page_urls

        register_public_page(public_page_shown_cached, public_page_urls)
        register_periodic_task(tasks.communicate_due)

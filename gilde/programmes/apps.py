from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "gilde.programmes"
    label = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        # The CoP settings page's panel, the API's programme resources, audit sentences, the
        # managers' personal data, and the worker's refresh of stale figures.
        from gilde.communities.settings_panels import register_settings_panel
        from gilde.core.periodic import register_periodic_task
        from gilde.guide.sharing import register_work_form_sharing

        from . import api, audit, notices, personal_data  # noqa: F401
        from .library import cop_work_form_sharing
        from .panel import programme_settings_panel
        from .tasks import programme_figures_refresh

        register_settings_panel(programme_settings_panel)
        register_periodic_task(programme_figures_refresh)
        # The own work forms a member CoP shares with its programmes' library.
        register_work_form_sharing(cop_work_form_sharing)

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gilde.notifications"
    label = "notifications"

    def ready(self):
        from gilde.accounts.backends import register_user_annotation

        from . import personal_data  # noqa: F401
        from .selectors import UNREAD_ANNOTATION, unread_subquery

        register_user_annotation(UNREAD_ANNOTATION, unread_subquery)

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gilde.core"
    label = "core"

from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "gilde.guide"
    label = "guide"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gilde.demo"
    label = "demo"

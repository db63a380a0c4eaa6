from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gilde.api"
    label = "gilde_api"

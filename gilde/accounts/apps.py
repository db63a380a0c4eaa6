from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gilde.accounts"
    label = "accounts"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gilde.accounts"
    label = "accounts"

    def ready(self):
        # The account's part of a person's data (gilde.core.personal_data).
        from . import personal_data  # noqa: F401

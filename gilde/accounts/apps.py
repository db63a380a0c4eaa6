from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gilde.accounts"
    label = "accounts"

    def ready(self):
        # The account's part of a person's data (gilde.core.personal_data), and the clean-up of
        # unconfirmed accounts on the worker's clock.
        from gilde.core.periodic import register_periodic_task

        from . import personal_data  # noqa: F401
        from .tasks import accounts_expire

        register_periodic_task(accounts_expire)

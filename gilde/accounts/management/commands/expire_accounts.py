from django.core.management.base import BaseCommand

from gilde.accounts.tasks import accounts_expire


class Command(BaseCommand):
    help = (
        "Delete accounts whose e-mail address was not confirmed within a week, and old e-mail "
        "counters. `gilde worker` does this every ten minutes."
    )

    def handle(self, *args, **options):
        counts = accounts_expire.call()
        self.stdout.write(
            f"Deleted {counts['accounts']} unconfirmed account(s), {counts['counters']} counter(s)."
        )

"""`gilde retention`: the retention job by hand (the worker runs it every ten minutes)."""

from django.core.management.base import BaseCommand

from gilde.communities.retention import retention_apply


class Command(BaseCommand):
    help = "Warn, archive and purge the CoPs whose retention moment has come."

    def handle(self, *args, **options):
        counts = retention_apply()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))

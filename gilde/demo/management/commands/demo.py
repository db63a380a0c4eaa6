from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Placeholder, replaced by the demo helper"

    def handle(self, *args, **options):
        pass

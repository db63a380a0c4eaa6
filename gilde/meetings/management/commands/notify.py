from django.core.management.base import BaseCommand

from gilde.meetings.tasks import send_due_notifications


class Command(BaseCommand):
    help = "Queue the periodic meeting e-mails (reminders, evaluations, digests) for the worker."

    def handle(self, *args, **options):
        result = send_due_notifications.enqueue()
        self.stdout.write(f"Queued send_due_notifications ({result.id}).")

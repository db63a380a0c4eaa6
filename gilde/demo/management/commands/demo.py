from django.core.management.base import BaseCommand

from gilde.accounts.models import User
from gilde.demo import data
from gilde.demo.programme import MANAGER, load_programme
from gilde.demo.services import demo_exists, demo_load, demo_logins


class Command(BaseCommand):
    help = "Load the demo CoPs and accounts (password gilde-demo). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load the demo when the database has no users yet.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and User.objects.exists():
            if not demo_exists():
                self.stdout.write("Database bevat al gebruikers; demo niet geladen.")
                return
        else:
            demo_load(stdout=self.stdout)
            load_programme(stdout=self.stdout)
        self._print_logins()

    def _print_logins(self):
        logins = demo_logins()
        width = max((len(label) for label, _email in logins), default=0) + 3
        self.stdout.write(f"Demo-accounts (wachtwoord: {data.PASSWORD})")
        for label, email in logins:
            self.stdout.write(f"  {label.ljust(width)}{email}")
        if User.objects.filter(email=MANAGER[0]).exists():
            self.stdout.write(f"  {'programmabeheerder'.ljust(width)}{MANAGER[0]}")

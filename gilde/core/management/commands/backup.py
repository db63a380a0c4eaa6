"""`gilde backup DIR`: a consistent copy of the running installation (gilde/core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from gilde.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a consistent backup (database, media, secret key, manifest) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("dir", help="A new or empty folder.")

    def handle(self, *args, dir: str, **options):
        try:
            manifest = backup_write(dir)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup of the {manifest['database']} database written to {dir}: "
            f"{len(manifest['files'])} files, checksums in {dir}/manifest.json."
        )

"""`gilde restore DIR`: put a backup made by `gilde backup` into an empty installation
(gilde/core/backup.py). Run `gilde migrate` afterwards when the backup is from an older Gilde."""

from django.core.management.base import BaseCommand, CommandError

from gilde.core.backup import BackupError, restore_from


class Command(BaseCommand):
    help = "Restore a backup made by `gilde backup` into an empty database and data folder."

    def add_arguments(self, parser):
        parser.add_argument("dir", help="The backup folder.")

    def handle(self, *args, dir: str, **options):
        try:
            manifest = restore_from(dir)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} ({len(manifest['files'])} files, "
            "every checksum right). Run `gilde migrate` if this Gilde is newer than the backup."
        )

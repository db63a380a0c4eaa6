"""`gilde purge-cop SLUG`: delete a CoP whose retention period is over, now, instead of waiting
for the worker. A CoP that is still running or still kept is refused."""

from django.core.management.base import BaseCommand, CommandError

from gilde.communities.models import Community
from gilde.communities.retention import RetentionError, community_purge


class Command(BaseCommand):
    help = "Delete a CoP whose retention period is over (and record it in the installation log)."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug: str, **options):
        community = Community.objects.filter(slug=slug).first()
        if community is None:
            raise CommandError(f"There is no CoP with the address {slug!r}.")
        try:
            summary = community_purge(community=community)
        except RetentionError as error:
            raise CommandError(error.message) from error
        removed = sum(summary["removed"].values())
        self.stdout.write(f"Purged {slug}: {removed} rows removed (see the installation log).")

"""`gilde import-cop FILE`: recreate a CoP from `gilde export-cop`'s document, with new ids.
People are matched by e-mail address; whoever has no account here gets one that is inactive and
unconfirmed (staff activate it in the admin)."""

import json

from django.core.management.base import BaseCommand, CommandError

from gilde.communities.portability import ImportRefused, import_document


class Command(BaseCommand):
    help = "Recreate a CoP from a JSON document made by `gilde export-cop`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export document (JSON).")
        parser.add_argument("--slug", help="Another web address, when the CoP's own is taken.")

    def handle(self, *args, file: str, slug: str | None = None, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror}.") from error
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from error
        try:
            community, created = import_document(document, slug=slug)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CommandError(
                f"{file} does not have the shape of a Gilde CoP export: {error!r}. "
                "Nothing was imported."
            ) from error
        self.stdout.write(
            f"Imported {community.name} as /c/{community.slug}/; "
            f"{created} people got a new, inactive account."
        )

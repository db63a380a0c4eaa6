"""`gilde export-cop SLUG`: the CoP and everything in it as one JSON document (see
gilde/communities/portability/; its JSON Schema is docs/cop-export.v1.schema.json)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gilde.communities.models import Community, PrivateExportConsent
from gilde.communities.portability import export_document, export_schema


class Command(BaseCommand):
    help = "Write a CoP and everything in it as one versioned JSON document."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="The CoP's web address (its slug).")
        parser.add_argument(
            "-o", "--output", help="Write to this file instead of the standard output."
        )
        parser.add_argument(
            "--with-private",
            action="store_true",
            help=(
                "Include private items (a learning record's private entries) of the members who "
                "consented to it; never of the others."
            ),
        )
        parser.add_argument(
            "--schema", action="store_true", help="Write the document's JSON Schema instead."
        )

    def handle(self, *args, slug=None, output=None, with_private=False, schema=False, **options):
        if schema:
            document = export_schema()
        else:
            if not slug:
                raise CommandError("Name the CoP to export: gilde export-cop SLUG")
            community = Community.objects.filter(slug=slug).first()
            if community is None:
                raise CommandError(f"There is no CoP with the address {slug!r}.")
            consenting = set()
            if with_private:
                consenting = set(
                    PrivateExportConsent.objects.filter(
                        membership__community=community
                    ).values_list("membership_id", flat=True)
                )
            document = export_document(community, with_private=with_private, consenting=consenting)
            if with_private:
                self.stderr.write(
                    f"Private items included for {len(consenting)} members who consented."
                )
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=schema) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            if not schema:
                self.stderr.write(f"Exported {slug} to {output}.")
        else:
            sys.stdout.write(text)

import time

from django.core.management.base import BaseCommand, CommandError

from gilde.demo.scale import scale_seed


class Command(BaseCommand):
    help = (
        "Add N copies of the demo's main CoP with their own accounts (for benchmarks); "
        "deterministic for a factor and seed. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=1, help="Number of copies (1-2000).")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, factor: int, seed: int, **options):
        if not 1 <= factor <= 2000:
            raise CommandError("--factor must be between 1 and 2000.")
        began = time.monotonic()
        created = scale_seed(factor=factor, seed=seed, stdout=self.stdout)
        self.stdout.write(
            f"{created} CoPs created ({factor} asked) in {time.monotonic() - began:.0f} s."
        )

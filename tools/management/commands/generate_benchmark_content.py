"""Fill the database with synthetic events and news (tools/benchmark_content.py) for measuring the
site at scale: the seed content first, for the organisation the rows link to, in place of any
earlier synthetic content; a database with real content is refused unless told otherwise."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tools import benchmark_content


def count(value):
    number = int(value)
    if number < 0:
        raise ValueError("negative")
    return number


class Command(BaseCommand):
    help = (
        "Replace the synthetic benchmark content (slugs starting with “synthetic-”) with a new set "
        "of the given size, the same for the same seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=count, default=1000, help="Events to make (default 1000).")
        parser.add_argument("--news", type=count, default=200, help="News items to make (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--allow-real-content",
            action="store_true",
            help="Run even though the database holds events or news that are neither synthetic nor seed content.",
        )

    def handle(self, *args, events, news, seed, allow_real_content, **options):
        real = benchmark_content.count_real_content()
        if any(real.values()) and not allow_real_content:
            described = " and ".join(
                f"{number} {model._meta.verbose_name if number == 1 else model._meta.verbose_name_plural}"
                for model, number in real.items()
                if number
            )
            raise CommandError(
                f"This database holds real content ({described}, neither synthetic nor seed content). "
                "Benchmark content belongs in a database of its own; pass --allow-real-content to add it anyway "
                "(the real content is left untouched)."
            )
        started = time.monotonic()

        def report(message):
            self.stdout.write(f"{message} ({time.monotonic() - started:.0f} s)")

        call_command("load_seed_content", stdout=self.stdout)
        with transaction.atomic():
            benchmark_content.delete_synthetic_content()
        report("Earlier synthetic content deleted")
        benchmark_content.compact()  # as a site that never held them
        # As an archive import: a transaction per batch of records and their links. The
        # database keeps the search indexes, their counts and the content version meanwhile.
        made = benchmark_content.generate(events, news, seed, report=report)
        report("Updating the planner's statistics")
        benchmark_content.vacuum()
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {made.events:,} events, {made.news_items:,} news items and {made.links:,} links "
                f"(seed {seed}) in {time.monotonic() - started:.1f} s."
            )
        )

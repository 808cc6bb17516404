"""`manage.py notify_followers`: what time alone makes news (a consultation opens, an answer is late), the weekly
digests, the purge of unconfirmed addresses and the recovery of lost deliveries (consultations/follow/sweep.py).
Once, for cron or a systemd timer; or `--every SECONDS` to repeat, as `make run` does beside the worker."""

import time

from django.core.management.base import BaseCommand

from consultations.follow import sweep


class Command(BaseCommand):
    help = "Tell followers what time made news (openings, late answers), send weekly digests, purge old requests."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every this many seconds (0: run once).")

    def handle(self, *args, every=0, **options):
        while True:
            done = sweep.run()
            if options["verbosity"] > 0:
                self.stdout.write(", ".join(f"{name}: {count}" for name, count in done.items()))
            if not every:
                return
            time.sleep(every)

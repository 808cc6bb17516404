"""A reproducible random draw in two steps, commit then reveal: `publish` stores and publishes the list (one entry a
line) with its fingerprint and where the seed will come from; `draw`, at the session, takes the public seed and
stores the result. The same code as the admin and the page (consultations/draws.py)."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from consultations.models import ConsultationPage, RandomDraw


class Command(BaseCommand):
    help = (
        "Random draws with the documented sha256-rank-v1 algorithm, commit then reveal. `publish CONSULTATION_ID` "
        "publishes the list (from FILE or standard input) and its SHA-256 before the draw; `draw DRAW_ID --seed` "
        "draws with the public seed read at the session. See docs/draw-replay.md."
    )

    def add_arguments(self, parser):
        steps = parser.add_subparsers(dest="step", required=True)
        publish = steps.add_parser("publish", help="Step 1: publish the list and where the seed will come from.")
        publish.add_argument("consultation_id", type=int, help="The id of the consultation page.")
        publish.add_argument("--title", required=True, help="What is drawn.")
        publish.add_argument("--method", required=True, help="Why and how the draw is made, for the public.")
        publish.add_argument("--count", type=int, required=True, help="How many entries to draw.")
        publish.add_argument("--seed-source", required=True, help="The public value the seed will be read from.")
        publish.add_argument("--file", help="The list, one entry per line (default: standard input).")
        perform = steps.add_parser("draw", help="Step 2: draw with the public seed read at the session.")
        perform.add_argument("draw_id", type=int, help="The id of the draw whose list was published.")
        perform.add_argument("--seed", required=True, help="The seed, exactly as read from its announced source.")
        perform.add_argument("--by", default="", help="Who performs the draw.")

    def handle(self, *args, **options):
        try:
            if options["step"] == "publish":
                self.publish(options)
            else:
                self.perform(options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def publish(self, options):
        consultation = ConsultationPage.objects.filter(pk=options["consultation_id"]).first()
        if consultation is None:
            raise CommandError(f"No consultation page has the id {options['consultation_id']}.")
        if options["file"]:
            with open(options["file"], encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            lines = sys.stdin.read().splitlines()
        record = RandomDraw.publish_list(
            consultation,
            title=options["title"],
            method=options["method"],
            items=lines,
            count=options["count"],
            seed_source=options["seed_source"],
        )
        self.stdout.write(
            f"Draw #{record.pk}: list of {record.population_size} entries published at "
            f"{record.list_published_at.isoformat()} (SHA-256 {record.population_fingerprint}); the seed will come "
            f"from: {record.seed_source}"
        )

    def perform(self, options):
        record = RandomDraw.objects.filter(pk=options["draw_id"]).first()
        if record is None:
            raise CommandError(f"No random draw has the id {options['draw_id']}.")
        record.perform(options["seed"], performed_by=options["by"])
        self.stdout.write(f"Draw #{record.pk}: seed {record.seed}, list SHA-256 {record.population_fingerprint}.")
        for position, item in enumerate(record.result, start=1):
            self.stdout.write(f"{position}. {item}")

"""Perform a reproducible random draw for a consultation and store its record (list, seed, result)."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from consultations.models import ConsultationPage, RandomDraw


class Command(BaseCommand):
    help = (
        "Draws COUNT entries from a list (one per line, from FILE or standard input) for a consultation, with the "
        "documented sha256-rank-v1 algorithm, and stores the record shown on the consultation page."
    )

    def add_arguments(self, parser):
        parser.add_argument("consultation_id", type=int, help="The id of the consultation page.")
        parser.add_argument("--title", required=True, help="What is drawn.")
        parser.add_argument("--method", required=True, help="Why and how the draw is made, for the public.")
        parser.add_argument("--count", type=int, required=True, help="How many entries to draw.")
        parser.add_argument("--file", help="The list, one entry per line (default: standard input).")
        parser.add_argument("--seed", default="", help="A public seed; random when left out.")
        parser.add_argument("--by", default="", help="Who performs the draw.")

    def handle(self, *args, **options):
        consultation = ConsultationPage.objects.filter(pk=options["consultation_id"]).first()
        if consultation is None:
            raise CommandError(f"No consultation page has the id {options['consultation_id']}.")
        if options["file"]:
            with open(options["file"], encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            lines = sys.stdin.read().splitlines()
        try:
            record = RandomDraw.perform(
                consultation,
                title=options["title"],
                method=options["method"],
                items=lines,
                count=options["count"],
                seed=options["seed"],
                performed_by=options["by"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Draw #{record.pk}: seed {record.seed}, list of {record.population_size} entries "
            f"(SHA-256 {record.population_fingerprint})."
        )
        for position, item in enumerate(record.result, start=1):
            self.stdout.write(f"{position}. {item}")

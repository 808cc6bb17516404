"""Build (or bring up to date) the demo site of the fictional "Métropole du Val de Marque"; safe to run twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from site_core import demo


class Command(BaseCommand):
    help = "Builds the demo content of the fictional Métropole du Val de Marque. Idempotent; refused in production."

    def handle(self, *args, **options):
        if getattr(settings, "PACTE_ENVIRONMENT", "production") == "production":
            raise CommandError(
                "seed_demo refuses to run with production settings: it would mix invented content "
                "with the authority's real pages."
            )
        try:
            # One transaction: a data file a builder cannot use leaves the database as it was.
            with transaction.atomic():
                demo.run_builders(self.stdout)
        except demo.DemoDataError as error:
            raise CommandError(f"The demo content was not built: {error}") from error
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

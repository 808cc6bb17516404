"""manage.py import_decidim <export.zip or folder> --process <slug> --consultation <page id> [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from consultations.decidim.importer import ImportError_, run_import
from consultations.models import ConsultationPage


class Command(BaseCommand):
    help = (
        "Fill a consultation's online figures from a Decidim open-data export (0.27 to 0.30), draft its report's "
        "response rows from the proposals (never overwriting a row an editor has edited), import the results being "
        "implemented (accountability) for the report, and, from 0.30, check the process and record its title."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The open-data .zip, or a folder holding its CSV files.")
        parser.add_argument("--process", required=True, help="The participatory process's slug on Decidim.")
        parser.add_argument("--consultation", required=True, type=int, help="The consultation page's id.")
        parser.add_argument(
            "--separator", default=";", help="The CSV separator (default “;”, configurable on Decidim 0.30 and later)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and write nothing.")

    def handle(self, source, process, consultation, separator, dry_run, **options):
        page = ConsultationPage.objects.filter(pk=consultation).first()
        if page is None:
            raise CommandError(f"No consultation page has the id {consultation}.")
        try:
            result = run_import(source, process, page, separator=separator, dry_run=dry_run)
        except ImportError_ as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        title = "Dry run: nothing written. Would change:" if dry_run else f"Imported into “{page.title}”:"
        self.stdout.write(title)
        for line in result.lines():
            self.stdout.write(f"  {line}")

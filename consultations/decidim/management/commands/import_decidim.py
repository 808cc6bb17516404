"""manage.py import_decidim <export.zip, folder or .csv> --process <slug> --consultation <page id> [--dry-run]
[--confirm-removal]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from consultations.decidim.importer import ImportError_, run_import
from consultations.models import ConsultationPage


class Command(BaseCommand):
    help = (
        "Fill a consultation's online figures from a Decidim open-data export (0.27 to 0.32), create or update its "
        "contribution records from the proposals (never overwriting what an editor changed), import the results "
        "being implemented (accountability) and, from 0.30, check the process and record its title. Proposals and "
        "results gone from the export are only removed with --confirm-removal."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The open-data .zip, a folder holding its CSV files, or one CSV file.")
        parser.add_argument("--process", required=True, help="The participatory process's slug on Decidim.")
        parser.add_argument("--consultation", required=True, type=int, help="The consultation page's id.")
        parser.add_argument(
            "--separator",
            default=None,
            help="The CSV separator; detected in each file when not given (“;”, “,” or a tab).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and write nothing.")
        parser.add_argument(
            "--confirm-removal",
            action="store_true",
            help="Remove the proposals (with their contribution records) and results no longer in the export.",
        )

    def handle(self, source, process, consultation, separator, dry_run, confirm_removal, **options):
        page = ConsultationPage.objects.filter(pk=consultation).first()
        if page is None:
            raise CommandError(f"No consultation page has the id {consultation}.")
        try:
            result = run_import(
                source, process, page, separator=separator, dry_run=dry_run, confirm_removal=confirm_removal
            )
        except ImportError_ as error:
            raise CommandError(f"{error} {gettext('Nothing was imported.')}") from error
        if dry_run:
            title = gettext("Dry run: nothing written. Would change:")
        else:
            title = gettext("Imported into “%(title)s”:") % {"title": page.title}
        self.stdout.write(title)
        for line in result.lines():
            self.stdout.write(f"  {line}")
        if result.removals:
            if result.removed:
                self.stdout.write(gettext("Removed (no longer in the export):"))
            elif dry_run:
                self.stdout.write(gettext("No longer in the export (removed only when confirmed):"))
            else:
                self.stdout.write(
                    gettext("No longer in the export, kept until you confirm (run again with --confirm-removal):")
                )
            for line in result.removals:
                self.stdout.write(f"  {line}")

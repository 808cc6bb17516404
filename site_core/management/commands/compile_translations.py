"""Compile every app's .po catalogue into .mo with polib, so serving the site needs no system gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compiles the project's .po files (site_core, charter_pages, consultations, training) into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in sorted(self.catalogues()):
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            # Always rewritten: comparing file times misses a .po that git checked out older than its .mo.
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            compiled += 1
        self.stdout.write(f"{compiled} translation catalogue(s) compiled.")

    def catalogues(self):
        base = Path(settings.BASE_DIR)
        for app in ("site_core", "charter_pages", "consultations", "training"):
            yield from (base / app / "locale").glob("*/LC_MESSAGES/*.po")

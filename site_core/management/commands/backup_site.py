"""Back up the site: the database (pg_dump, custom format) and the media files, into backups/<timestamp>/."""

import datetime
import shutil
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from site_core.backup import DUMP_NAME, MEDIA_NAME, database_settings, run_client_tool


class Command(BaseCommand):
    help = "Writes backups/<timestamp>/database.dump (pg_dump -Fc of DATABASE_URL) and media.tar.gz (MEDIA_ROOT)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=str(Path(settings.BASE_DIR) / "backups"), help="Folder that receives the backup."
        )

    def handle(self, *args, **options):
        database = database_settings()
        media_root = Path(settings.MEDIA_ROOT)
        # UTC, sortable, and without ':' so the name is a valid folder on every system.
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H%M%SZ")
        target = Path(options["output_dir"]) / stamp
        target.mkdir(parents=True, exist_ok=False)
        try:
            # --no-owner/--no-privileges: the dump restores under whichever role runs the restore.
            dump_options = ["--format=custom", "--no-owner", "--no-privileges", f"--file={target / DUMP_NAME}"]
            run_client_tool("pg_dump", dump_options, database)
            with tarfile.open(target / MEDIA_NAME, "w:gz") as archive:
                if media_root.is_dir():
                    # Paths relative to MEDIA_ROOT, so the archive restores into any MEDIA_ROOT.
                    for path in sorted(media_root.rglob("*")):
                        archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
        except BaseException:
            shutil.rmtree(target)  # never leave a half-written folder that looks like a backup
            raise

        self.stdout.write(f"Database {database['NAME']} and media {media_root} backed up into {target}")
        self.stdout.write(target.as_posix())

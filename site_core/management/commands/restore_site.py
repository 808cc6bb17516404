"""Restore a backup made by backup_site into the database of DATABASE_URL and into MEDIA_ROOT.

The database must be empty (or not exist yet). With --force (make restore FORCE=1) it is dropped and created
again first, and MEDIA_ROOT is emptied: what was there is lost, which is why it needs saying.
"""

import shutil
import tarfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from psycopg import sql

from site_core.backup import DUMP_NAME, MEDIA_NAME, connection_arguments, database_settings, run_client_tool

USER_TABLES = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"


class Command(BaseCommand):
    help = "Restores backups/<timestamp>/ into the (empty) database of DATABASE_URL and into MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder, e.g. backups/2026-11-26T053000Z.")
        parser.add_argument(
            "--force", action="store_true", help="Drop and recreate a database that is not empty; empty MEDIA_ROOT."
        )

    def handle(self, *args, **options):
        database = database_settings()
        folder = Path(options["backup"])
        dump, media = folder / DUMP_NAME, folder / MEDIA_NAME
        for path in (dump, media):
            if not path.is_file():
                raise CommandError(f"{path} is missing: is {folder} a folder written by backup_site?")

        connections.close_all()  # this process must not hold the database it may drop
        name = database["NAME"]
        state = self.database_state(database)
        if state == "not empty" and not options["force"]:
            raise CommandError(
                f"The database {name} is not empty. To replace its content, run again with --force "
                "(make restore BACKUP=... FORCE=1): the current content is then lost."
            )
        if state == "missing" or options["force"]:
            self.recreate(database, drop=state != "missing")

        run_client_tool(
            "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={name}", str(dump)], database
        )

        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        if options["force"]:
            # Its content, not the folder itself: MEDIA_ROOT may be a mount point.
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        with tarfile.open(media, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(media_root, filter="data")

        # Cached pages are keyed by the content generation, which the restored database may have seen already.
        for each in caches.all():
            each.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored {folder} into the database {name} and {media_root}."))

    def database_state(self, database):
        try:
            with psycopg.connect(**connection_arguments(database), connect_timeout=10) as connection:
                count = connection.execute(USER_TABLES).fetchone()[0]
        except psycopg.OperationalError as error:
            if "does not exist" in str(error):
                return "missing"
            raise CommandError(f"Cannot reach the database {database['NAME']}: {error}") from error
        return "not empty" if count else "empty"

    def recreate(self, database, drop):
        """Create the database, after dropping it (and ending its other sessions) when `drop`."""
        name = sql.Identifier(database["NAME"])
        arguments = connection_arguments(database, name="postgres")
        with psycopg.connect(**arguments, autocommit=True, connect_timeout=10) as connection:
            if drop:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))

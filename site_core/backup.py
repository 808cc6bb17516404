"""What backup_site and restore_site share: the database to work on, as pg_dump and psycopg want it.

A backup is a folder backups/<timestamp>/ holding database.dump (pg_dump's custom format: compressed, restorable
table by table) and media.tar.gz (every uploaded image, rendition and document under MEDIA_ROOT).
"""

import os
import shutil
import subprocess

from django.conf import settings
from django.core.management.base import CommandError

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"


def database_settings():
    """The default database's settings; refuses anything but PostgreSQL (SQLite is only for trying the site)."""
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        raise CommandError(
            "Backups use pg_dump: set DATABASE_URL to the PostgreSQL database (postgres://user@host:port/name)."
        )
    return database


def libpq_environment(database, name=None):
    """Connection settings as libpq environment variables: the password never shows in the process list."""
    env = dict(os.environ)
    values = {
        "PGDATABASE": name or database["NAME"],
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", ""),
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def connection_arguments(database, name=None):
    """The same settings as psycopg.connect() keyword arguments."""
    values = {
        "dbname": name or database["NAME"],
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "sslmode": database.get("OPTIONS", {}).get("sslmode"),
    }
    return {key: value for key, value in values.items() if value}


def run_client_tool(name, arguments, database):
    """Run a PostgreSQL client program (pg_dump, pg_restore) on `database`; a clear error if it is missing or fails."""
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not on PATH: install the PostgreSQL client tools (Debian: postgresql-client).")
    result = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
        [path, *arguments], env=libpq_environment(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")

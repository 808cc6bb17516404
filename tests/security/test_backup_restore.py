"""`make backup` then `make restore` give back the same site: every row of every table and every media file.

The demo site seeded once for the test session (tests/conftest.py's demo_database) is copied with its media into a
fresh database and folder, backed up with backup_site, restored with restore_site into another empty database and
folder, and the two are compared.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from site_core.backup import connection_arguments, run_client_tool

pytestmark = pytest.mark.backup

MAIN_TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_locale",
    "site_core_navigationmenu",
    "charter_pages_glossaryterm",
    "consultations_territory",
    "training_lessonprogress",
    "wagtailimages_image",
    "wagtaildocs_document",
]
ALL_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def run_command(database, media_root, *args, check=True):
    """manage.py in a subprocess, on `database` and `media_root`, as an operator would run it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.security.backup_settings",
        "DATABASE_URL": database_url(database),
        "PACTE_BACKUP_TEST_MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def database_url(name):
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"


def server():
    return psycopg.connect(**connection_arguments(connection.settings_dict, name="postgres"), autocommit=True)


def fingerprint(name):
    """{table: (row count, checksum of every row)} for every table of the database `name`."""
    tables = {}
    with psycopg.connect(**connection_arguments(connection.settings_dict, name=name)) as database:
        for (table,) in database.execute(ALL_TABLES).fetchall():
            query = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t")
            tables[table] = tuple(database.execute(query.format(sql.Identifier(table))).fetchone())
        revisions = database.execute(
            "SELECT object_id, count(*) FROM wagtailcore_revision GROUP BY object_id ORDER BY object_id"
        ).fetchall()
    return tables, revisions


def media_checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def clone_database(source, target, folder):
    """Copy the database `source` into the new database `target` (pg_dump sees only committed rows)."""
    dump = folder / "template.dump"
    run_client_tool("pg_dump", ["--format=custom", "--no-owner", f"--file={dump}", source], connection.settings_dict)
    run_client_tool("pg_restore", ["--no-owner", f"--dbname={target}", str(dump)], connection.settings_dict)
    dump.unlink()


@pytest.fixture
def databases(db, demo_database, tmp_path):
    """A source database holding a copy of the seeded demo site, with a copy of its media in tmp_path/source-media,
    and an empty target database; both are dropped afterwards, whatever happens."""
    suffix = uuid.uuid4().hex[:8]
    names = {"source": f"pacte_backup_source_{suffix}", "target": f"pacte_backup_target_{suffix}"}
    with server() as admin:
        for name in names.values():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        clone_database(demo_database.name, names["source"], tmp_path)
        shutil.copytree(demo_database.media_root, tmp_path / "source-media")
        yield names
    finally:
        with server() as admin:
            for name in names.values():
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_a_backup_restores_the_same_site(databases, tmp_path):
    source_media, target_media = tmp_path / "source-media", tmp_path / "target-media"
    result = run_command(databases["source"], source_media, "backup_site", "--output-dir", str(tmp_path / "backups"))
    backup = Path(result.stdout.strip().splitlines()[-1])
    assert sorted(path.name for path in backup.iterdir()) == ["database.dump", "media.tar.gz"]

    run_command(databases["target"], target_media, "restore_site", str(backup))

    source_tables, source_revisions = fingerprint(databases["source"])
    target_tables, target_revisions = fingerprint(databases["target"])
    for table in MAIN_TABLES:
        assert source_tables[table][0] > 0, f"the demo site has no row in {table}: the comparison would prove nothing"
        assert target_tables[table] == source_tables[table], table
    assert target_tables == source_tables
    assert target_revisions == source_revisions

    source_files = media_checksums(source_media)
    assert any(name.startswith("original_images/") for name in source_files)
    assert any(name.startswith("documents/") for name in source_files)
    assert media_checksums(target_media) == source_files

    # A second restore would mix two sites: refused unless forced.
    refused = run_command(databases["target"], target_media, "restore_site", str(backup), check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")  # only the commands read it, never Django's ORM
def test_restore_refuses_a_database_with_tables_and_replaces_it_when_forced(settings, tmp_path):
    default = dict(settings.DATABASES["default"])
    suffix = uuid.uuid4().hex[:8]
    source, target = f"pacte_backup_small_{suffix}", f"pacte_backup_busy_{suffix}"
    with server() as admin:
        for name in (source, target):
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        for name, statement in [
            (source, "CREATE TABLE note (text text); INSERT INTO note VALUES ('sauvegardée')"),
            (target, "CREATE TABLE autre (id int)"),
        ]:
            with psycopg.connect(**connection_arguments(default, name=name)) as database:
                database.execute(statement)
        settings.DATABASES = {"default": {**default, "NAME": source}}
        settings.MEDIA_ROOT = tmp_path / "source-media"
        (tmp_path / "source-media" / "documents").mkdir(parents=True)
        (tmp_path / "source-media" / "documents" / "bilan.pdf").write_bytes(b"%PDF-1.7 bilan")
        output = StringIO()
        call_command("backup_site", "--output-dir", str(tmp_path / "backups"), stdout=output)
        backup = output.getvalue().strip().splitlines()[-1]

        settings.DATABASES = {"default": {**default, "NAME": target}}
        settings.MEDIA_ROOT = tmp_path / "target-media"
        (tmp_path / "target-media").mkdir()
        (tmp_path / "target-media" / "ancien.txt").write_text("à remplacer")
        with pytest.raises(CommandError, match="is not empty"):
            call_command("restore_site", backup, stdout=StringIO())
        call_command("restore_site", backup, "--force", stdout=StringIO())

        with psycopg.connect(**connection_arguments(default, name=target)) as database:
            assert [row[0] for row in database.execute(ALL_TABLES)] == ["note"]
            assert database.execute("SELECT text FROM note").fetchall() == [("sauvegardée",)]
        assert media_checksums(tmp_path / "target-media") == media_checksums(tmp_path / "source-media")
    finally:
        with server() as admin:
            for name in (source, target):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_a_failed_backup_says_why_and_leaves_no_folder_behind(settings, tmp_path):
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "NAME": f"pacte_absent_{uuid.uuid4().hex[:8]}"}}
    with pytest.raises(CommandError, match="pg_dump failed: .*does not exist"):
        call_command("backup_site", "--output-dir", str(tmp_path), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []

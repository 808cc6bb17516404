"""The PostgreSQL text search configurations of the site search (site_core/search_backend.py), one per language:
its stemming ("tirages" finds "tirage") with accents removed ("marche" finds "marché", "evenement" finds
"évènement"). Nothing on SQLite, whose FTS5 tokenizer (unicode61) already ignores accents.

`CREATE EXTENSION unaccent` needs a superuser (or the database owner on PostgreSQL 13+, as it is trusted): when the
application's user may not create it and a DBA has not done it beforehand, the configurations are made with
stemming only and the migration still succeeds; docs/operations.md ("Search") gives the DBA's statements that
complete them.
"""

from django.db import DatabaseError, migrations, transaction

# Configuration -> the PostgreSQL configuration it copies and the stemming dictionary it keeps after unaccent.
CONFIGURATIONS = {
    "pacte_french": ("pg_catalog.french", "french_stem"),
    "pacte_english": ("pg_catalog.english", "english_stem"),
    "pacte_dutch": ("pg_catalog.dutch", "dutch_stem"),
}


def create_configuration(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            # In a savepoint: a refusal (no privilege, no package) must not abort the migration's transaction.
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError:
            pass
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        has_unaccent = cursor.fetchone() is not None
        for name, (source, stemmer) in CONFIGURATIONS.items():
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
            if has_unaccent:
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {name} "
                    f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
                )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for name in CONFIGURATIONS:
                cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("site_core", "0008_document_file_hashes")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]

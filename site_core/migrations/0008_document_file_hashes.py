"""Documents made by code before site_core.documents filled their hash in were served with an empty ETag: their
hash is computed once, here, from each file (Wagtail's own function, the one its upload form uses)."""

from django.db import migrations
from wagtail.utils.file import hash_filelike


def fill_hashes(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    for document in Document.objects.filter(file_hash="").exclude(file=""):
        try:
            with document.file.open("rb") as content:
                file_hash = hash_filelike(content)
        except OSError:
            continue  # a file missing from storage: nothing to hash, and nothing is served either
        Document.objects.filter(pk=document.pk).update(file_hash=file_hash)


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0007_home_tagline"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(fill_hashes, migrations.RunPython.noop)]

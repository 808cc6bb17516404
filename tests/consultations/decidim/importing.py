"""The importer run as an editor runs it, on the small Decidim open-data exports written by hand in this folder."""

import io
from pathlib import Path

from django.core.management import call_command

DECIDIM_FILES = Path(__file__).parent


def run_import(source, consultation, *extra, process="plan-velo"):
    """`manage.py import_decidim` on `source` for `consultation`; returns what it printed."""
    out = io.StringIO()
    call_command(
        "import_decidim", str(source), "--process", process, "--consultation", str(consultation.pk), *extra, stdout=out
    )
    return out.getvalue()

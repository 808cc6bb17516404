"""The open-data page and its files on a small site, on both databases: what a visitor downloads validates, a
draft or private consultation is absent, and building the package costs the same number of queries whatever the
number of records."""

import datetime
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from frictionless import Package, system
from wagtail.models import PageViewRestriction

from consultations.models import Contribution
from consultations.opendata import package
from consultations.opendata.resources import RESOURCES
from tests.factories import (
    ConsultationPageFactory,
    ContributionFactory,
    OpenDataPageFactory,
    reported_consultation,
)
from tests.utils import visible_text

pytestmark = pytest.mark.sqlite


@pytest.fixture
def open_data(home_page):
    return OpenDataPageFactory(parent=home_page)


def add_consultations(index_page, start, count):
    for number in range(start, start + count):
        consultation = reported_consultation(index_page, slug=f"concertation-{number}")
        for _ in range(3):
            ContributionFactory(consultation=consultation, decision=Contribution.NOT_KEPT, reason="Hors budget.")


def test_the_files_a_visitor_downloads_validate(open_data, index_page, client, tmp_path):
    add_consultations(index_page, 1, 2)
    text = visible_text(client.get(open_data.url))
    assert "Contributions et leurs réponses" in text and "Licence Ouverte / Open Licence 2.0" in text
    descriptor = json.loads(client.get(f"{open_data.url}datapackage.json").content)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    for resource in descriptor["resources"]:
        (tmp_path / resource["path"]).write_bytes(client.get(f"{open_data.url}{resource['path']}").content)
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    rows = (tmp_path / "contributions.csv").read_text().splitlines()
    assert len(rows) == 1 + 2 * 4 and rows[0].startswith("reference,consultation_id,channel,event_id")


def test_a_draft_or_private_consultation_never_appears(open_data, index_page, client):
    private = reported_consultation(index_page, slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = ConsultationPageFactory(parent=index_page, slug="brouillon", title="Brouillon secret")
    draft.unpublish()
    shown = reported_consultation(index_page, slug="publique")
    text = b"".join(client.get(f"{open_data.url}{name}.csv").content for name in ("consultations", "contributions"))
    assert str(shown.translation_key).encode() in text
    assert str(private.translation_key).encode() not in text and b"Brouillon secret" not in text


def test_building_the_package_costs_the_same_queries_whatever_the_records(open_data, index_page):
    add_consultations(index_page, 1, 1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            package.build(open_data)
        return len(captured)

    queries()  # the process's own caches (content types, the site) filled once
    add_consultations(index_page, 2, 1)  # moves the content generation on, as any publication does
    few = queries()
    add_consultations(index_page, 3, 6)
    ConsultationPageFactory(
        parent=index_page,
        slug="avec-rencontres",
        phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))],
        events=[{"title": f"Atelier {n}", "start": _at(n), "end": _at(n, 2)} for n in range(4)],
    )
    assert queries() == few


def _at(day, hours=0):
    return datetime.datetime(2026, 1, 10 + day, 18 + hours, tzinfo=datetime.UTC)


def test_docs_list_every_column_of_every_file():
    docs = (settings.BASE_DIR / "docs" / "open-data.md").read_text(encoding="utf-8")
    for resource in RESOURCES:
        section = docs.split(f"### `{resource.name}.csv`", 1)[1].split("\n### ", 1)[0]
        for column in resource.columns:
            assert f"| `{column.name}` | {column.type} |" in section, f"{resource.name}.{column.name}"

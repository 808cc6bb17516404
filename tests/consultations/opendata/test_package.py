"""The open data as a journalist or a data portal meets them: the demo's package downloaded from the page's links
and validated by Frictionless (types, constraints, every foreign key), the contributions file holding every answer
the reports show, figures equal to the dashboard's, nothing private, no name, files that change exactly when
content does, and the page in French and English."""

import csv
import gzip
import io
import json

import pytest
from frictionless import Package, system
from wagtail.models import PageViewRestriction

from consultations.indicators.aggregation import Dashboard
from consultations.indicators.loading import load_records
from consultations.models import ConsultationPage, ConsultationReportPage, Contribution
from consultations.opendata.models import OpenDataPage
from consultations.opendata.resources import RESOURCES
from site_core.site_data import default_locale
from tests.utils import visible_text


def download(client, page, tmp_path):
    """Every file datapackage.json lists, fetched by the addresses the page gives, into `tmp_path`."""
    package = client.get(f"{page.url}datapackage.json")
    assert package.status_code == 200 and package["Content-Type"] == "application/json"
    descriptor = json.loads(package.content)
    (tmp_path / "datapackage.json").write_bytes(package.content)
    files = {}
    for resource in descriptor["resources"]:
        response = client.get(f"{page.url}{resource['path']}")
        assert response.status_code == 200, resource["path"]
        (tmp_path / resource["path"]).write_bytes(response.content)
        files[resource["name"]] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    return descriptor, files


@pytest.fixture
def open_data(demo_site):
    return OpenDataPage.objects.get(locale__language_code="fr")


def test_the_served_package_validates_with_frictionless_and_every_key_resolves(open_data, client, tmp_path):
    descriptor, files = download(client, open_data, tmp_path)
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    assert [resource["name"] for resource in descriptor["resources"]] == [resource.name for resource in RESOURCES]
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    consultations = {row["id"] for row in files["consultations"]}
    events = {row["id"] for row in files["events"]}
    for name in ("phases", "events", "contributions", "reports"):
        assert files[name] and {row["consultation_id"] for row in files[name]} <= consultations, name
    assert {row["event_id"] for row in files["contributions"] if row["event_id"]} <= events
    assert all(row["id"] for row in files["commitments"]) and files["label_awards"]


def test_a_journalist_finds_every_answer_the_reports_show(open_data, client, tmp_path):
    _, files = download(client, open_data, tmp_path)
    rows = {row["reference"]: row for row in files["contributions"]}
    reported = ConsultationReportPage.objects.live().filter(locale__language_code="fr")
    assert reported.exists()
    for report in reported:
        consultation = report.get_parent().specific
        for contribution in Contribution.objects.filter(consultation__translation_key=consultation.translation_key):
            row = rows[contribution.reference]
            assert row["decision"] == contribution.decision
            assert row["reason"] == (contribution.reason or getattr(contribution.shared_answer, "text", ""))
            assert row["consultation_id"] == str(consultation.translation_key)
    names = list(Contribution.objects.exclude(author_name="").values_list("author_name", flat=True))
    text = client.get(f"{open_data.url}contributions.csv").content.decode()
    assert "author" not in text.split("\n", 1)[0] and not any(name in text for name in names)


def test_the_indicators_equal_the_dashboard_s(open_data, client):
    rows = list(csv.DictReader(io.StringIO(client.get(f"{open_data.url}indicators.csv").content.decode())))
    summary = Dashboard(load_records(default_locale())).summary
    assert rows
    for row in rows:
        expected = summary[row["key"]]
        assert (float(row["value"]) if row["value"] else None) == (None if expected is None else float(expected))


def test_a_private_or_draft_consultation_never_appears(open_data, client):
    walk = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    before = client.get(f"{open_data.url}consultations.csv").content.decode()
    assert str(walk.translation_key) in before
    # Every language's page (the walking plan is also in Dutch): a translation left public is public.
    for version in walk.get_translations(inclusive=True):
        PageViewRestriction.objects.create(page=version, restriction_type=PageViewRestriction.LOGIN)
    for language in ("fr", "en"):
        page = OpenDataPage.objects.get(locale__language_code=language)
        for name in ("consultations", "phases", "events", "contributions"):
            assert str(walk.translation_key) not in client.get(f"{page.url}{name}.csv").content.decode(), name
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    cycling.get_translations(inclusive=True).unpublish()
    text = client.get(f"{open_data.url}contributions.csv").content.decode()
    assert str(cycling.translation_key) not in text


def test_files_change_exactly_when_content_does(open_data, client):
    first = client.get(f"{open_data.url}consultations.csv")
    again = client.get(f"{open_data.url}consultations.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert first["Last-Modified"] and first["Access-Control-Allow-Origin"] == "*"
    walk = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    walk.decision_maker = "Le bureau métropolitain"
    walk.save_revision().publish()
    changed = client.get(f"{open_data.url}consultations.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Le bureau métropolitain" in changed.content.decode()
    zipped = client.get(f"{open_data.url}consultations.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == changed.content


def test_the_page_lists_each_file_with_its_records_in_french_and_english(open_data, client):
    text = visible_text(client.get(open_data.url))
    assert "Contributions et leurs réponses" in text and "contributions.xlsx" in text and "Licence Ouverte" in text
    english = OpenDataPage.objects.get(locale__language_code="en")
    english_text = visible_text(client.get(english.url))
    assert "Contributions and their answers" in english_text and "records – contributions.csv" in english_text
    workbook = client.get(f"{open_data.url}contributions.xlsx")
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert client.get(f"{open_data.url}unknown.csv").status_code == 404
    footer = client.get("/fr/").content.decode().split("<footer", 1)[1]
    assert f'href="{open_data.url}"' in footer, "every footer links the open data"

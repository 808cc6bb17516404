"""The read-only API as a data portal or a newsroom script calls it: the same public records as the files, paged
with Link headers, filtered, open to every origin, described by an OpenAPI document that a third-party tool
(schemathesis) reads and fuzzes without ever getting a server error, in a bounded number of queries."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from wagtail.models import PageViewRestriction

from consultations.models import ConsultationPage, Contribution
from tests.factories import OpenDataPageFactory, reported_consultation

API = "/api/v1"


def test_a_newsroom_pages_through_a_consultation_s_contributions(demo_site, client):
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    total = Contribution.objects.filter(consultation__translation_key=cycling.translation_key).count()
    assert total > 200
    first = client.get(f"{API}/contributions/", {"consultation": str(cycling.translation_key), "page_size": 200})
    assert first.status_code == 200 and first["Access-Control-Allow-Origin"] == "*"
    body = first.json()
    assert body["count"] == total and body["pages"] == -(-total // 200) and len(body["results"]) == 200
    assert 'rel="next"' in first["Link"] and 'rel="prev"' not in first["Link"]
    assert first["Link"].startswith("<http") and "localhost" not in first["Link"]
    references = {row["reference"] for row in body["results"]}
    page = 2
    while 'rel="next"' in first["Link"]:
        first = client.get(
            f"{API}/contributions/", {"consultation": str(cycling.translation_key), "page_size": 200, "page": page}
        )
        references |= {row["reference"] for row in first.json()["results"]}
        page += 1
    assert len(references) == total
    row = next(r for r in body["results"] if r["decision"])
    assert row["reason"] and "author_name" not in row


def test_filters_and_languages(demo_site, client):
    everything = client.get(f"{API}/consultations/").json()
    reported = client.get(f"{API}/consultations/", {"status": "report"}).json()
    assert 0 < reported["count"] < everything["count"]
    assert all(row["status"] == "report" for row in reported["results"])
    theme = next(row["themes"].split(";")[0] for row in everything["results"] if row["themes"])
    themed = client.get(f"{API}/consultations/", {"theme": theme}).json()
    assert themed["count"] and all(theme in row["themes"].split(";") for row in themed["results"])
    english = client.get(f"{API}/consultations/", {"lang": "en", "consultation": themed["results"][0]["id"]}).json()
    assert english["count"] == 1
    year = reported["results"][0]["launch_date"][:4]
    by_year = client.get(f"{API}/consultations/", {"year": year}).json()
    assert all(row["launch_date"].startswith(year) for row in by_year["results"])
    assert client.get(f"{API}/indicators/").json()["count"] > 5


def test_bad_queries_get_a_clear_answer(demo_site, client):
    assert client.get(f"{API}/contributions/", {"page_size": 0}).status_code == 422
    assert client.get(f"{API}/contributions/", {"lang": "de"}).status_code == 422
    beyond = client.get(f"{API}/events/", {"page": 999})
    assert beyond.status_code == 400 and "ask for page 1 to" in beyond.json()["detail"]


@pytest.mark.sqlite
def test_private_records_never_reach_the_api(index_page, client):
    shown = reported_consultation(index_page, slug="publique")
    hidden = reported_consultation(index_page, slug="privee")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    for name in ("consultations", "contributions", "reports", "phases"):
        text = client.get(f"{API}/{name}/").content.decode()
        assert str(hidden.translation_key) not in text, name
    assert str(shown.translation_key) in client.get(f"{API}/consultations/").content.decode()


@pytest.mark.sqlite
def test_list_endpoints_cost_the_same_queries_whatever_the_page(index_page, client, django_assert_max_num_queries):
    for number in range(5):
        reported_consultation(index_page, slug=f"concertation-{number}")
    client.get(f"{API}/consultations/")  # the first request after a publication builds the rows once
    for name in ("consultations", "contributions", "events", "reports", "label_awards", "commitments"):
        for size in (1, 200):
            with django_assert_max_num_queries(3, info=name):
                assert client.get(f"{API}/{name}/", {"page_size": size}).status_code == 200


@pytest.mark.sqlite
def test_the_openapi_description_is_served_and_fuzzing_it_finds_no_server_error(home_page, index_page, client):
    OpenDataPageFactory(parent=home_page)
    reported_consultation(index_page, slug="publique")
    described = client.get(f"{API}/openapi.json")
    assert described.status_code == 200 and described.json()["info"]["title"] == "Pacte open data API"
    validate(described.json())  # against the OpenAPI specification's own schema; raises on any fault
    # Loaded from the served description, the requests made by the test client (a WSGI server would close the
    # test's database connection at the end of each request).
    schema = schemathesis.openapi.from_dict(described.json())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8
    for operation in operations:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case):
            response = client.get(case.formatted_path, case.query or {})
            assert response.status_code < 500, (case.formatted_path, case.query, response.status_code)
            if response.status_code == 200:
                assert set(response.json()) == {"count", "page", "page_size", "pages", "results"}

        fuzz()


def test_each_consultation_and_report_links_its_own_records(demo_site, client):
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    report = cycling.get_children().live().first()
    key = str(cycling.translation_key)
    consultation_html = client.get(cycling.url).content.decode()
    assert f"/api/v1/consultations/?consultation={key}&amp;lang=fr" in consultation_html
    report_html = client.get(report.url).content.decode()
    assert f"/api/v1/contributions/?consultation={key}&amp;lang=fr" in report_html
    listed = client.get(f"/api/v1/contributions/?consultation={key}&lang=fr").json()
    assert listed["count"] == Contribution.objects.filter(consultation__translation_key=key).count()

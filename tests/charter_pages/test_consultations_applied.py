"""A commitment's page lists the consultations that applied it: published ones only, the newest first."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from charter_pages.models import Commitment
from tests.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.utils import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


def applying(index, commitment, slug, published):
    page = ConsultationPageFactory(parent=index, slug=slug, title=slug.replace("-", " ").capitalize())
    page.commitments = [commitment]
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(first_published_at=published)
    return page


def test_commitment_page_lists_published_consultations_newest_first(client, charter, index):
    commitment = Commitment.objects.get(chapter__page=charter, number=2)
    other = Commitment.objects.get(chapter__page=charter, number=3)
    applying(index, commitment, "plan-marche", datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    applying(index, commitment, "berges-du-canal", datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    applying(index, other, "aires-de-jeux", datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    draft = applying(index, commitment, "brouillon", datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC))
    draft.unpublish()

    text = visible_text(client.get(f"{charter.url}engagements/2/"))
    listed = text.split("Concertations qui ont appliqué cet engagement")[1]
    assert listed.index("Berges du canal") < listed.index("Plan marche"), "newest first"
    assert "Aires de jeux" not in text, "only the consultations that applied this commitment"
    assert "Brouillon" not in text, "never an unpublished consultation"
    assert "Aucune concertation publiée" not in text


def test_commitment_page_query_count_does_not_grow_with_consultations(client, charter, index):
    commitment = Commitment.objects.get(chapter__page=charter, number=1)
    url = f"{charter.url}engagements/1/"
    applying(index, commitment, "premiere", datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(2, 12):
        applying(index, commitment, f"concertation-{number}", datetime.datetime(2025, 1, number, tzinfo=datetime.UTC))
    client.get(url)
    with CaptureQueriesContext(connection) as eleven:
        response = client.get(url)
    assert "Concertation 11" in visible_text(response)
    assert len(one) == len(eleven), f"{len(one)} queries with 1 consultation, {len(eleven)} with 11"


def test_charter_page_says_how_many_published_consultations_applied_each_commitment(client, charter, index):
    commitment = Commitment.objects.get(chapter__page=charter, number=2)
    applying(index, commitment, "plan-marche", datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    applying(index, commitment, "berges-du-canal", datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    applying(index, commitment, "brouillon", datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)).unpublish()
    text = visible_text(client.get(charter.url))
    assert "Engagement 2 : sa page et les concertations qui l'ont appliqué (appliqué par 2 concertations)" in text
    assert "Engagement 1 : sa page et les concertations qui l'ont appliqué (pas encore appliqué" in text

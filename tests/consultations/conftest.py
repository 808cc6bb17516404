"""Fixtures for the consultations tests: an index under the home page, a territory, a signed-in editor."""

import pytest

from consultations.models import Territory
from tests.factories import ConsultationIndexPageFactory


@pytest.fixture
def index_page(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def territory(locales):
    return Territory.objects.create(name="Val-de-Marque", slug="val-de-marque", locale=locales["fr"])


@pytest.fixture
def admin_client(client, django_user_model, locales):
    user = django_user_model.objects.create_superuser("editrice", "editrice@example.org", "motdepasse")
    client.force_login(user)
    return client

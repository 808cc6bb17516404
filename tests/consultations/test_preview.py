"""Editors can preview every consultation page type from the edit form (unsaved records rendered in memory)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import ConsultationEvent
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory, at


def preview(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").copy()
    for stream in ("body", "annexes"):  # StreamFields are drawn by JavaScript: the HTML holds no count field
        data.setdefault(f"{stream}-count", "0")
    path = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    check = admin_client.post(path, data=data)
    assert check.json() == {"is_valid": True, "is_available": True}
    return admin_client.get(path)


@pytest.fixture
def pages(index_page):
    consultation = ConsultationPageFactory(
        parent=index_page,
        slug="plan-marche",
        phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))],
        events=[
            {
                "title": "Forum ouvert",
                "kind": ConsultationEvent.OPEN_FORUM,
                "start": at(2026, 1, 10),
                "end": at(2026, 1, 10, 20),
                "address": "Exemple",
            }
        ],
    )
    report = ConsultationReportPageFactory(
        parent=consultation,
        responses=[{"proposal": "Des bancs", "channel": "online", "decision": "kept", "reason": ""}],
    )
    return index_page, consultation, report


def test_every_page_type_can_be_previewed(admin_client, pages):
    for page in pages:
        response = preview(admin_client, page)
        assert response.status_code == 200
        assert page.title in response.content.decode()

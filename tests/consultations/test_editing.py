"""Editors: announced impact is required to publish (not for drafts), the editor lists what is missing, and the
contribution records refuse an unexplained "not kept" (the report's publication rule: test_report_publication)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from consultations.models import ConsultationEvent, ConsultationPage, Contribution
from tests.factories import IMPACT, ConsultationPageFactory, at
from tests.utils import visible_text


def consultation_form(**overrides):
    data = {
        "title": "Plan marche",
        "slug": "plan-marche",
        **IMPACT,
        "answer_due_date": "2026-12-31",
        "themes": "marche, mobilité",
        "phases": inline_formset(
            [{"title": "Diagnostic", "start_date": "2026-01-01", "end_date": "2026-02-01", "is_participation": "on"}]
        ),
        "events": inline_formset([]),
        "body": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent, model="consultationpage"):
    return f"/admin/pages/add/consultations/{model}/{parent.pk}/"


def test_publishing_without_announced_impact_is_refused(admin_client, index_page):
    data = consultation_form(impact_open="", impact_closed="", answer_due_date="")
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(index_page), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"impact_open", "impact_closed", "answer_due_date"}
    assert "Champ requis." in response.content.decode()
    assert not ConsultationPage.objects.filter(slug="plan-marche").exists()


def test_a_draft_may_stay_incomplete(admin_client, index_page):
    data = consultation_form(impact_open="", impact_closed="", answer_due_date="", phases=inline_formset([]))
    response = admin_client.post(add_url(index_page), data)
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="plan-marche")
    assert not page.live


def test_publishing_with_everything_works(admin_client, index_page):
    data = consultation_form()
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(index_page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ConsultationPage.objects.get(slug="plan-marche")
    assert page.live
    assert sorted(tag.name for tag in page.themes.all()) == ["marche", "mobilité"]
    assert page.phases.count() == 1


def test_the_editor_lists_what_is_still_missing(admin_client, index_page):
    data = consultation_form(impact_open="", answer_due_date="")
    admin_client.post(add_url(index_page), data)
    page = ConsultationPage.objects.get(slug="plan-marche")
    text = visible_text(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
    assert "Encore manquant avant de pouvoir publier cette concertation" in text
    missing = text.split("Encore manquant avant de pouvoir publier cette concertation")[1].split("Recommandé aussi")[0]
    assert "Impact annoncé : ce qui est ouvert à la discussion" in missing
    assert "La date à laquelle la réponse est promise" in missing
    assert "Le résumé" not in missing and "Un résumé" not in missing


def test_territories_and_commitments_offered_are_those_of_the_page_language(admin_client, index_page, locales):
    from consultations.models import Territory

    Territory.objects.create(name="Val-de-Marque", slug="val-de-marque", locale=locales["fr"])
    Territory.objects.create(name="North area", slug="north-area", locale=locales["en"])
    html = admin_client.get(add_url(index_page)).content.decode()
    assert "Val-de-Marque" in html
    assert "North area" not in html


@pytest.mark.parametrize("decision", ["adapted", "not_kept", "out_of_scope", "under_study"])
@pytest.mark.parametrize("reason", ["  ", "–", "n/a"])
def test_every_decision_but_kept_needs_a_reason(decision, reason):
    contribution = Contribution(reference="PM-1", title="Une idée", body="Une idée.", decision=decision, reason=reason)
    with pytest.raises(ValidationError) as error:
        contribution.clean()
    assert "reason" in error.value.message_dict
    Contribution(reference="PM-1", title="Une idée", body="Une idée.", decision="kept", reason="").clean()


def test_the_report_editor_adds_up_the_minutes_of_past_events(admin_client, index_page):
    consultation = ConsultationPageFactory(
        parent=index_page,
        slug="velo",
        phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))],
        events=[
            {
                "title": "Atelier",
                "kind": ConsultationEvent.WORKSHOP,
                "start": at(2025, 1, 10),
                "end": at(2025, 1, 10, 20),
                "address": "Exemple",
                "attendees": 42,
                "contributions_count": 67,
            },
            {
                "title": "Balade",
                "start": at(2025, 1, 20),
                "end": at(2025, 1, 20, 20),
                "address": "Exemple",
                "attendees": 18,
            },
            {
                "title": "Réunion sans compte rendu",
                "start": at(2025, 2, 1),
                "end": at(2025, 2, 1, 20),
                "address": "Exemple",
            },
        ],
    )
    text = visible_text(admin_client.get(add_url(consultation, "consultationreportpage")))
    assert (
        "D'après les comptes rendus des rencontres de la concertation : 3 rencontres tenues, 60 présences, "
        "67 contributions recueillies." in text
    )
    assert "1 rencontre passée n'a pas encore de compte rendu." in text

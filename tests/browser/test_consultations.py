"""Consultations in a real browser: the index (with its filters, without JavaScript), a consultation, an event
and a report, in French and English (the index, the open consultation and an event in Dutch), at desktop and phone
widths, with zero axe violations."""

import pytest

from consultations.models import ConsultationPage
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def event_path(language, slug):
    page = ConsultationPage.objects.get(slug=slug, locale__language_code=language)
    event = page.events.order_by("start").first()
    return f"{page.url}evenements/{event.pk}/"


def consultation_paths():
    return [
        "/fr/concertations/",
        "/fr/concertations/?status=open&territory=secteur-nord",
        "/fr/concertations/?status=inconnu&year=abcd",
        "/fr/concertations/plan-marche/",
        "/fr/concertations/renovation-des-ecoles/",
        "/fr/concertations/reseau-express-velo/",
        "/fr/concertations/reseau-express-velo/bilan/",
        event_path("fr", "plan-marche"),
        event_path("fr", "berges-du-canal"),
        "/en/consultations/",
        "/en/consultations/express-cycle-network/",
        "/en/consultations/express-cycle-network/report/",
        event_path("en", "express-cycle-network"),
        "/nl/inspraak/",
        "/nl/inspraak/wandelplan/",
        event_path("nl", "wandelplan"),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_consultation_pages_have_no_axe_violation(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []
    for path in consultation_paths():
        response = page.goto(demo_server + path)
        assert response.status == 200, path
        try:
            assert_accessible(page, f"consultations-{path}-{width}")
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n\n".join(failures)


def test_filters_work_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(demo_server + "/fr/concertations/")
    page.select_option("#filter-status", "open")
    page.get_by_role("button", name="Afficher les concertations").click()
    page.wait_for_load_state()
    assert "status=open" in page.url
    assert page.locator("#filter-status").input_value() == "open"
    status = page.get_by_role("status").inner_text()
    assert "2 concertations trouvées" in status
    cards = page.locator(".consultation-card .consultation-status")
    assert cards.count() == 2
    assert all(text.strip().endswith("Ouverte") for text in cards.all_inner_texts())
    context.close()


def test_a_late_answer_is_visible_as_late(demo_server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_server + "/fr/concertations/renovation-des-ecoles/")
    text = page.locator("main").inner_text()
    assert "Réponse en retard" in text
    assert "En retard :" in text
    context.close()


def test_consultation_pages_reflow_at_320_px(demo_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in consultation_paths():
        page.goto(demo_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px at 320 px"
    context.close()

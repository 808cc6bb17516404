"""Training in a real browser, signed in as the demo staff account: catalogue, a lesson's quiz, the attestation."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

CATALOGUE = "/fr/formations/"
CHARTER = CATALOGUE + "charte-de-la-participation/"
LAST_CHARTER_LESSON = CHARTER + "organiser-une-concertation-hybride/"
METHOD_LESSON = CATALOGUE + "methode-projet-participatif/cadrer-la-concertation/"
WIDTHS = (1280, 375)


def sign_in_path():
    with translation.override("fr"):
        return reverse("site_core:login")


def sign_in(page, base_url, next_path):
    page.goto(f"{base_url}{sign_in_path()}?next={next_path}")
    page.fill("#id_username", "agent")
    page.fill("#id_password", "pacte-agent-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}{next_path}")


@pytest.fixture
def staff_page(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, demo_server, CATALOGUE)
    yield page
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/fr/verifier-une-attestation/", "/en/check-an-attestation/"])
def test_the_public_verification_page_is_accessible(demo_server, browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    response = page.goto(demo_server + path)
    assert response.status == 200
    assert_accessible(page, f"{path}-{width}")
    # A malformed code: the error names the field and keeps what was typed.
    page.fill("#verification-code", "pas un code")
    page.locator("main form button[type=submit]").click()
    assert page.locator("#verification-code").input_value() == "pas un code"
    assert page.locator("#verification-code").get_attribute("aria-invalid") == "true"
    assert_accessible(page, f"{path}-error-{width}")
    context.close()


def test_signed_out_visitors_are_sent_to_the_sign_in_page(demo_server, browser_page):
    browser_page.goto(demo_server + CHARTER)
    assert browser_page.url.startswith(demo_server + sign_in_path())
    assert "next=" in browser_page.url
    assert browser_page.locator("h1").inner_text()  # the site's own sign-in page, in the site's layout
    assert browser_page.locator("header.site-header").count() == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CATALOGUE, CATALOGUE + "mon-parcours/", CHARTER, METHOD_LESSON])
def test_training_pages_have_no_axe_violation(staff_page, demo_server, path, width):
    staff_page.set_viewport_size({"width": width, "height": 900})
    response = staff_page.goto(demo_server + path)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    assert_accessible(staff_page, f"training{path}-{width}")


@pytest.mark.parametrize("path", [CATALOGUE, CATALOGUE + "mon-parcours/", CHARTER, METHOD_LESSON])
def test_no_inline_script_or_style(staff_page, demo_server, path):
    staff_page.goto(demo_server + path)
    html = staff_page.content()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html


def test_catalogue_shows_each_module_with_progress(staff_page, demo_server):
    staff_page.goto(demo_server + CATALOGUE)
    assert staff_page.locator("h1").inner_text() == "Formations des services"
    cards = staff_page.locator(".training-module-card")
    assert cards.count() == 2
    charter = cards.filter(has_text="La charte de la participation en pratique")
    assert re.search(r"\d leçons? sur 3", charter.inner_text())
    assert "7 heures" in charter.inner_text() and "Mixte" in charter.inner_text()
    assert charter.locator("progress").get_attribute("max") == "3"
    method = cards.filter(has_text="Conduire un projet participatif")
    assert "21 heures" in method.inner_text()


def test_a_quiz_answered_in_the_browser_and_the_attestation(staff_page, demo_server):
    page = staff_page
    page.goto(demo_server + LAST_CHARTER_LESSON)
    html = page.content()
    assert "is_correct" not in html and "Les rencontres en personne complètent" not in html

    # A wrong answer first: graded on the server, explanation shown, best score not enough.
    page.get_by_label("Un questionnaire uniquement en ligne").check()
    page.get_by_role("button", name="Vérifier mes réponses").click()
    assert "Pas encore suffisant" in page.locator(".quiz-result").inner_text()
    assert "Les rencontres en personne complètent" in page.content()
    assert_accessible(page, "training-quiz-result-wrong")

    for label in ("Un atelier en forum ouvert", "Une balade urbaine exploratoire", "Une permanence en mairie"):
        page.get_by_label(label).check()
    page.get_by_label("Un questionnaire uniquement en ligne").uncheck()
    page.get_by_role("button", name="Vérifier mes réponses").click()
    assert "Quiz réussi." in page.locator(".quiz-result").inner_text()

    page.get_by_role("button", name="J'ai suivi cette leçon").click()
    assert "Leçon terminée le" in page.locator("#progression").inner_text()

    page.goto(demo_server + CHARTER)
    assert "3 leçons sur 3" in page.locator(".training-progress").inner_text()
    page.get_by_role("link", name="Voir et imprimer mon attestation").click()
    article = page.locator("article.attestation")
    assert "Dominique Martin" in article.inner_text()
    assert "La charte de la participation en pratique" in article.inner_text()
    assert "7 heures" in article.inner_text()
    code = article.locator(".attestation__code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"training-attestation-{width}")

    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert article.is_visible()
    page.emulate_media(media="screen")

    # Anyone holding the code can check it, signed out, and sees only the name, the module and the date.
    verification_url = article.locator(".attestation__verify a").get_attribute("href")
    anonymous = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = anonymous.new_page()
    visitor.goto(verification_url)
    assert visitor.locator("h1").inner_text() == "Attestation vérifiée"
    text = visitor.locator("main").inner_text()
    assert "Dominique Martin" in text and "Direction des mobilités" not in text
    assert_accessible(visitor, "training-verification-result")
    anonymous.close()


def test_the_quiz_works_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    sign_in(page, demo_server, METHOD_LESSON)
    page.get_by_label("Qui prend la décision, et quand").check()
    page.get_by_label("Ce qui est négociable").check()
    page.get_by_role("button", name="Vérifier mes réponses").click()
    assert "Quiz réussi." in page.locator(".quiz-result").inner_text()
    assert "Le cadrage porte sur la décision" in page.locator(".quiz-review").inner_text()
    context.close()

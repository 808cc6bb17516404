"""The citizen label and the dashboard in a real browser: label page, verification pages (active, withdrawn,
unknown code), the badge image, and the dashboard with its filters (without JavaScript), with zero axe violations."""

import pytest

from consultations.models import LabelAward
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def verification_path(language, withdrawn=False):
    award = LabelAward.objects.filter(status=LabelAward.WITHDRAWN if withdrawn else LabelAward.ACTIVE).first()
    base = "/fr/label-citoyen/" if language == "fr" else "/en/citizen-label/"
    return f"{base}verifier/{award.code}/"


def paths():
    return [
        ("/fr/label-citoyen/", 200),
        ("/fr/label-citoyen/?year=abcd&level=inconnu", 200),
        (verification_path("fr"), 200),
        (verification_path("fr", withdrawn=True), 200),
        ("/fr/label-citoyen/verifier/CODEINCONNU12345/", 404),
        ("/fr/tableau-de-bord/", 200),
        ("/fr/tableau-de-bord/?theme=mobilit%C3%A9&year=1900", 200),
        ("/en/citizen-label/", 200),
        (verification_path("en"), 200),
        ("/en/dashboard/", 200),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_label_and_dashboard_pages_have_no_axe_violation(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []
    for path, status in paths():
        response = page.goto(demo_server + path)
        assert response.status == status, path
        try:
            assert_accessible(page, f"label-{path}-{width}")
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n\n".join(failures)


def test_verification_page_shows_the_badge_and_a_withdrawal(demo_server, browser_page):
    browser_page.goto(demo_server + verification_path("fr"))
    image = browser_page.get_by_role("img", name="Label citoyen, niveau")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Label valide" in browser_page.locator("main").inner_text()
    browser_page.goto(demo_server + verification_path("fr", withdrawn=True))
    alert = browser_page.get_by_role("alert")
    assert "Ce label a été retiré" in alert.inner_text()


def test_dashboard_filters_without_javascript_and_csv_link(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(demo_server + "/fr/tableau-de-bord/")
    page.select_option("#filter-year", "2025")
    page.get_by_role("button", name="Afficher les chiffres").click()
    page.wait_for_load_state()
    assert "year=2025" in page.url
    rows = page.locator("table[data-scope='consultation'] tbody tr")
    assert rows.count() == 2
    link = page.get_by_role("link", name="Télécharger ces chiffres")
    assert link.get_attribute("href").endswith("figures.csv?year=2025&theme=&territory=")
    context.close()

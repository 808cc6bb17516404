"""Following a consultation in a real browser: the form on the page, its answer, and the form shown again with an
error that names the field and keeps what was typed, with zero axe violations at both widths."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


@pytest.mark.parametrize("width", WIDTHS)
def test_following_a_consultation(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(demo_server + "/fr/concertations/plan-marche/")
    page.locator("#follow-consultation-email").fill("habitante@example.org")
    with page.expect_navigation():
        page.locator(".follow__form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Consultez votre messagerie"
    assert_accessible(page, f"follow-check-inbox-{width}")

    page.goto(demo_server + "/fr/concertations/plan-marche/")
    page.locator("#follow-consultation-email").fill("pas-une-adresse")
    with page.expect_navigation():
        page.locator(".follow__form button[type=submit]").click()
    assert page.locator("#id_email").input_value() == "pas-une-adresse"
    assert "Votre adresse e-mail" in page.locator(".field__error").first.inner_text()  # the error names the field
    assert_accessible(page, f"follow-error-{width}")
    context.close()

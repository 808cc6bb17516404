"""Following a consultation in a real browser, keyboard only and without JavaScript doing anything: the form on
the page, its answer, and the form shown again with an error, with zero axe violations at both widths."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


@pytest.mark.parametrize("width", WIDTHS)
def test_following_a_consultation_with_the_keyboard(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/fr/concertations/plan-marche/")
    email = page.get_by_label("Votre adresse e-mail")
    email.focus()
    page.keyboard.type("habitante@example.org")
    page.get_by_role("button", name="Suivre").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Consultez votre messagerie"
    assert_accessible(page, f"follow-check-inbox-{width}")

    page.goto(demo_server + "/fr/concertations/plan-marche/")
    page.get_by_label("Votre adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Suivre").click()
    page.wait_for_load_state()
    assert page.get_by_label("Votre adresse e-mail").input_value() == "pas-une-adresse"
    assert "Saisissez une adresse e-mail valide" in page.content()
    assert_accessible(page, f"follow-error-{width}")
    context.close()

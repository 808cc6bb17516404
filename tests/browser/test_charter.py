"""The charter in a real browser: the charter, a commitment page, the easy-to-read and printable versions, in
French, English and Dutch, at desktop and phone widths, with zero axe violations; printing and working without
JavaScript."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)
PATHS = [
    "/fr/charte/",
    "/fr/charte/engagements/2/",
    "/fr/charte/facile/",
    "/fr/charte/imprimer/",
    "/en/charter/",
    "/en/charter/commitments/2/",
    "/en/charter/easy-read/",
    "/en/charter/print/",
    "/nl/handvest/",
    "/nl/handvest/engagementen/2/",
    "/nl/handvest/eenvoudig/",
    "/nl/handvest/afdrukken/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS)
def test_charter_pages_have_no_axe_violation(demo_server, browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    response = page.goto(demo_server + path)
    assert response.status == 200, path
    assert_accessible(page, f"{path}-{width}")
    context.close()


@pytest.mark.parametrize("path", ["/fr/charte/engagements/99/", "/en/charter/commitments/99/"])
def test_unknown_commitment_page_has_no_axe_violation(demo_server, browser_page, path):
    response = browser_page.goto(demo_server + path)
    assert response.status == 404
    assert_accessible(browser_page, path)


def test_french_addresses_on_paper_lead_to_the_english_pages(demo_server, browser_page):
    browser_page.goto(demo_server + "/en/charter/engagements/7/")
    assert browser_page.url == demo_server + "/en/charter/commitments/7/"
    browser_page.get_by_role("link", name="This commitment in the easy-to-read version").click()
    assert browser_page.url == demo_server + "/en/charter/easy-read/#engagement-7"
    browser_page.goto(demo_server + "/en/charter/imprimer/")
    assert browser_page.url == demo_server + "/en/charter/print/"


def test_charter_reflows_at_320_px(demo_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in PATHS:
        page.goto(demo_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px at 320 px"
    context.close()


def test_commitment_permalink_and_easy_read_links(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/charte/")
    heading = " ".join(browser_page.locator("#engagement-7 h4").text_content().split())
    assert heading == "Engagement 7: Annoncer l'effet de votre avis"
    browser_page.locator("#engagement-7").get_by_role("link", name="Engagement 7 : sa page").click()
    assert browser_page.url == demo_server + "/fr/charte/engagements/7/"
    assert browser_page.locator("h1").inner_text().endswith("Annoncer l'effet de votre avis")
    browser_page.get_by_role("link", name="Cet engagement dans la version facile à lire").click()
    assert browser_page.url == demo_server + "/fr/charte/facile/#engagement-7"
    assert browser_page.locator("#engagement-7").is_visible()
    assert browser_page.locator("#engagement-1 img").get_attribute("alt") == "Un calendrier"


def test_glossary_link_leads_to_its_definition(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/charte/")
    link = browser_page.locator("a.glossary-link").first
    target = link.get_attribute("href")
    described_by = link.get_attribute("aria-describedby")
    assert browser_page.locator(f"#{described_by}").inner_text()
    link.click()
    assert browser_page.evaluate("location.hash") == target


def test_print_layout_keeps_the_contract_and_drops_the_navigation(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/charte/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".charter-toc").is_visible()
    assert not browser_page.locator(".main-nav").is_visible()
    assert not browser_page.get_by_role("link", name="Imprimer ou enregistrer en PDF").is_visible()
    assert browser_page.locator("#engagements-reciproques").is_visible()
    assert browser_page.locator("#adoption").is_visible()
    address = browser_page.locator(".charter-url")
    assert address.is_visible()
    # The site's own address (from its Wagtail site record), so the printed copy leads back to the charter.
    assert address.inner_text().startswith("Cette charte est en ligne à l'adresse : http")
    assert address.inner_text().endswith("/fr/charte/")


def test_print_link_works_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/fr/charte/")
    page.get_by_role("link", name="Imprimer ou enregistrer en PDF").click()
    assert page.url == demo_server + "/fr/charte/imprimer/"
    assert page.locator(".charter-url").is_visible()
    assert page.locator("#engagement-14").is_visible()
    context.close()


def test_editor_adds_a_chapter_with_commitments_in_the_admin(demo_server, browser):
    """Chapters hold their commitments in one edit form (nested inline panels), new chapters included."""
    from charter_pages.models import CharterPage

    charter = CharterPage.objects.get(locale__language_code="fr")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.goto(demo_server + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "pacte-admin-demo")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(f"{demo_server}/admin/pages/{charter.pk}/edit/")
    new = int(page.locator("input[name=chapters-TOTAL_FORMS]").input_value())
    page.get_by_role("button", name="Add Chapter").click()
    page.fill(f"input[name=chapters-{new}-title]", "Chapitre ajouté par une éditrice")
    # A new chapter comes with one empty commitment form (a chapter holds at least one commitment).
    for index, (number, title) in enumerate([(90, "Premier ajout"), (91, "Second ajout")]):
        if index:
            page.locator("button:has-text('Add Commitment')").last.click()
        prefix = f"chapters-{new}-commitments-{index}"
        page.fill(f"input[name={prefix}-number]", str(number))
        page.fill(f"input[name={prefix}-title]", title)
        page.fill(f"textarea[name={prefix}-promise]", f"Nous nous engageons : {title.lower()}.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    errors = [text.strip() for text in page.locator(".error-message").all_inner_texts()]
    assert "has been updated" in page.locator(".messages").inner_text(), errors
    context.close()

    draft = CharterPage.objects.get(pk=charter.pk).get_latest_revision_as_object()
    added = [chapter for chapter in draft.chapters.all() if chapter.title == "Chapitre ajouté par une éditrice"]
    assert [str(commitment) for commitment in added[0].commitments.all()] == ["90. Premier ajout", "91. Second ajout"]
    live = CharterPage.objects.get(pk=charter.pk)
    assert "Chapitre ajouté par une éditrice" not in [chapter.title for chapter in live.chapters.all()]

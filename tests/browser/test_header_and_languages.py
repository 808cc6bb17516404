"""The header on a phone and a desktop, and the language switcher on a page that is not translated (issue 18):
the page's title within the first screen at 375 px, the menu on one line at 1280 px, and the switcher leading to
a page that says the page is not translated and offers the original."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser

PAGES = ["/fr/participer/", "/en/how-it-works/", "/nl/"]
# What stands above the page's title at 375 px: the name, the languages, the search and the menu (it was 640 px,
# the whole first screen of a phone); the breadcrumbs come after.
HEADER_AT_375 = 340


@pytest.mark.parametrize("path", PAGES)
def test_the_header_leaves_the_title_on_the_first_screen_of_a_phone(demo_server, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(demo_server + path)
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")
    title = page.evaluate("document.querySelector('main h1').getBoundingClientRect().top")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"header{path.replace('/', '-')}375")
    context.close()
    assert header <= HEADER_AT_375, f"{path}: the header ends at {header}px"
    assert title < 667 - 100, f"{path}: the title starts at {title}px"
    assert overflow <= 0


@pytest.mark.parametrize("path", PAGES)
def test_the_menu_holds_on_one_line_at_1280_px(demo_server, browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(demo_server + path)
    tops = page.evaluate(
        "[...document.querySelectorAll('.main-nav__list > li')].map(item => item.getBoundingClientRect().top)"
    )
    screenshot(page, f"header{path.replace('/', '-')}1280")
    context.close()
    assert len(tops) >= 4 and len(set(tops)) == 1, f"{path}: the menu wraps ({tops})"


def test_the_switcher_on_an_untranslated_page_says_so_and_offers_the_original(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/concertations/berges-du-canal/")
    browser_page.click('.language-switcher a[hreflang="nl"]')
    assert "/nl/niet-vertaald/" in browser_page.url
    assert browser_page.locator("h1").inner_text() == "Deze pagina bestaat niet in het Nederlands"
    original = browser_page.locator('main a[hreflang="fr"]')
    assert original.get_attribute("href") == "/fr/concertations/berges-du-canal/"
    assert_accessible(browser_page, "not-translated-nl")
    original.click()
    assert browser_page.url.endswith("/fr/concertations/berges-du-canal/")


def test_a_quote_has_one_bar(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/participer/")
    bars = browser_page.evaluate(
        """() => [...document.querySelectorAll('.w-block-quote, .w-block-quote *')]
            .filter(element => parseFloat(getComputedStyle(element).borderLeftWidth) > 0).length"""
    )
    assert bars == 1

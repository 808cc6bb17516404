"""Every public page of the demo site, in French and English, at desktop and phone widths: zero axe violations."""

import re
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def sitemap_paths(base_url):
    with urlopen(f"{base_url}/sitemap.xml") as response:  # noqa: S310 - the local live server
        xml = response.read().decode()
    paths = sorted({urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)})
    return [path for path in paths if path.startswith(("/fr/", "/en/"))]


def test_sitemap_lists_french_and_english_pages(demo_server):
    paths = sitemap_paths(demo_server)
    assert "/fr/" in paths
    assert "/en/" in paths


@pytest.mark.parametrize("width", WIDTHS)
def test_every_sitemap_page_has_no_axe_violation(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    console_errors = []  # a blocked inline script or style (Content-Security-Policy) shows up here
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    failures = []
    for path in sitemap_paths(demo_server):
        response = page.goto(demo_server + path)
        assert response.status == 200, path
        try:
            assert_accessible(page, f"{path}-{width}")
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n\n".join(failures)
    assert not console_errors, console_errors


@pytest.mark.parametrize(
    "path",
    ["/fr/recherche/?q=charte", "/en/search/?q=", "/fr/page-qui-n-existe-pas/", "/en/sign-in/"],
)
def test_search_error_and_sign_in_pages_are_accessible(demo_server, browser_page, path):
    browser_page.goto(demo_server + path)
    assert_accessible(browser_page, path)


def report_contribution_paths(base_url):
    """Each report's list of contributions, an empty search in it, the 404 of an unknown reference and, where the
    report has records, one contribution's page, in French and English: sub-routes the site map does not list."""
    paths = []
    for path in sitemap_paths(base_url):
        if not path.rstrip("/").endswith(("/bilan", "/report")):
            continue
        with urlopen(f"{base_url}{path}contributions/") as response:  # noqa: S310 - the local live server
            html = response.read().decode()
        paths += [f"{path}contributions/", f"{path}contributions/?q=zzz-rien", f"{path}contributions/?reference=XX-0"]
        found = re.search(rf'href="({re.escape(path)}contributions/[A-Za-z0-9._-]+/)"', html)
        if found:
            paths.append(found.group(1))
    return paths


def test_the_demo_has_report_contributions_to_check(demo_server):
    permalinks = [path for path in report_contribution_paths(demo_server) if re.search(r"/contributions/[^?]+/$", path)]
    assert any(path.startswith("/fr/") for path in permalinks), "no French report with contribution records in the demo"


@pytest.mark.parametrize("width", WIDTHS)
def test_report_contributions_have_no_axe_violation(demo_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []
    for path in report_contribution_paths(demo_server):
        page.goto(demo_server + path)
        try:
            assert_accessible(page, f"{path}-{width}")
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n\n".join(failures)


def test_page_reflows_at_320_px_without_horizontal_scrolling(demo_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in sitemap_paths(demo_server) + report_contribution_paths(demo_server):
        page.goto(demo_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px at 320 px"
    context.close()


def test_skip_link_is_first_and_moves_focus_to_main(demo_server, browser_page):
    browser_page.goto(demo_server + "/fr/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"

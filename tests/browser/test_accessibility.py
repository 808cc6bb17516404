"""Every public page of the demo site, in French and English, at desktop and phone widths: zero axe violations."""

import hashlib
import re
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from consultations.label.models import LabelAward, LabelPage
from consultations.models import ConsultationEvent, RandomDraw
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def sitemap_paths(base_url):
    with urlopen(f"{base_url}/sitemap.xml") as response:  # noqa: S310 - the local live server
        xml = response.read().decode()
    paths = sorted({urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)})
    return [path for path in paths if path.startswith(("/fr/", "/en/", "/nl/"))]


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
    [
        "/fr/recherche/?q=charte",
        "/fr/recherche/?q=tirage",  # results of every kind: pages, events, draws, commitments
        "/fr/recherche/?q=concertasion",  # nothing found: the suggestion and its first results
        "/en/search/?q=",
        "/fr/page-qui-n-existe-pas/",
        "/en/sign-in/",
    ],
)
def test_search_error_and_sign_in_pages_are_accessible(demo_server, browser_page, path):
    browser_page.goto(demo_server + path)
    assert_accessible(browser_page, path)


def draw_sub_routes():
    """The sub-routes the site map does not list that show or serve a draw: each published draw's list file and
    the page of its session (which shows the draw's detail)."""
    routes = []
    for draw in RandomDraw.objects.filter(protocol=RandomDraw.COMMIT_REVEAL).select_related("consultation"):
        consultation = draw.consultation
        session = consultation.events.filter(kind=ConsultationEvent.RANDOM_DRAW).first()
        assert session is not None, f"the demo's draw “{draw}” has its session"
        session_path = consultation.url + consultation.reverse_subpage("event", args=[session.pk]).lstrip("/")
        routes.append((session_path, consultation.url_for_route(None, "draw_entries", draw.pk), draw))
    return routes


@pytest.mark.parametrize("width", WIDTHS)
def test_the_draw_s_sub_routes_are_accessible_and_its_list_matches_its_fingerprint(demo_server, browser, width):
    routes = draw_sub_routes()
    assert routes, "the demo has a draw made commit then reveal"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for session_path, file_path, draw in routes:
        assert page.goto(demo_server + session_path).status == 200
        # Open every <details> (the script, the list, each entry's number) so that axe checks them too.
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        assert page.get_by_text(draw.population_fingerprint).first.is_visible()
        assert_accessible(page, f"{session_path}-{width}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{session_path} scrolls horizontally by {overflow}px at {width} px"
        link = page.locator(f'a[href="{file_path}"]').first
        assert link.get_attribute("download")
        listed = page.request.get(demo_server + file_path)
        assert listed.status == 200 and listed.headers["content-type"] == "text/plain; charset=utf-8"
        assert hashlib.sha256(listed.body()).hexdigest() == draw.population_fingerprint
        if draw.is_stratified:
            quotas = page.request.get(demo_server + draw.consultation.url_for_route(None, "draw_quotas", draw.pk))
            assert quotas.status == 200 and hashlib.sha256(quotas.body()).hexdigest() == draw.quotas_fingerprint
    context.close()


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


def label_sub_routes():
    """The label's addresses the site map does not list, in French and English, with their status: the code check
    (the form, an unknown code) and an award's document check."""
    paths = []
    for label_page in LabelPage.objects.live().filter(locale__language_code__in=("fr", "en")).order_by("pk"):
        check = label_page.url + label_page.reverse_subpage("check_code").lstrip("/")
        paths += [(check, 200), (check + "?code=AAAA-BBBB-CCCC", 404)]
        award = LabelAward.objects.filter(locale=label_page.locale, status=LabelAward.ACTIVE).first()
        document_check = label_page.reverse_subpage("check_document", args=[award.code]).lstrip("/")
        paths.append((label_page.url + document_check, 200))
    return paths


def labelled_file(award):
    with award.document.file.open("rb") as stored:
        return {"name": "document.pdf", "mimeType": "application/pdf", "buffer": stored.read()}


@pytest.mark.parametrize("width", WIDTHS)
def test_label_sub_routes_and_document_answers_have_no_axe_violation(demo_server, browser, width):
    """The sub-routes, then the answers to a file sent through the form: the labelled file, another one, none."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []

    def check(name):
        try:
            assert_accessible(page, f"{name}-{width}")
        except AssertionError as error:
            failures.append(str(error))

    for path, status in label_sub_routes():
        assert page.goto(demo_server + path).status == status, path
        check(path)
    award = LabelAward.objects.select_related("document").get(
        locale__language_code="fr", status=LabelAward.ACTIVE, document_reference="26-C-0412"
    )
    forged = {**labelled_file(award), "buffer": labelled_file(award)["buffer"] + b"\n% changed"}
    for name, upload, answer in (
        ("match", labelled_file(award), "Oui : ce fichier est le document labellisé"),
        ("mismatch", forged, "Non : ce fichier n'est pas le document labellisé"),
        ("no-file", None, "Aucun fichier n'a été envoyé"),
    ):
        page.goto(f"{demo_server}/fr/label-citoyen/verifier/{award.code}/")
        if upload:
            page.set_input_files("#label-document", files=[upload])
        page.get_by_role("button", name="Vérifier ce fichier").click()
        page.wait_for_load_state()
        assert answer in page.locator("main").inner_text(), name
        check(f"label-document-{name}")
    context.close()
    assert not failures, "\n\n".join(failures)


HOME_SECTIONS = {
    "/fr/": ("Concertations ouvertes : donnez votre avis", "Prochaines rencontres", "Derniers bilans publiés"),
    "/en/": ("Open consultations: have your say", "Next meetings", "Latest published reports"),
    "/nl/": ("Open inspraakprocessen: geef uw mening", "Volgende bijeenkomsten", "Laatst gepubliceerde verslagen"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", sorted(HOME_SECTIONS))
def test_the_home_page_for_this_week_is_accessible_and_its_cards_stack_on_a_phone(demo_server, browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    assert page.goto(demo_server + path).status == 200
    for heading in HOME_SECTIONS[path]:
        assert page.get_by_role("heading", name=heading, level=2).is_visible(), heading
    assert page.locator(".home-card").count() > 0, "the demo has open consultations, meetings and reports"
    assert_accessible(page, f"home-{path.strip('/')}-{width}")
    cards = page.locator("#home-open-title + ul .home-card")
    if width < 600 and cards.count() > 1:
        first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
        assert second["y"] >= first["y"] + first["height"], "the cards stack one under the other on a phone"
    context.close()

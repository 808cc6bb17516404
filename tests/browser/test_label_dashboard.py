"""The citizen label and the dashboard in a real browser: label page, verification pages (active, withdrawn,
unknown code, in English: translated and not yet translated), the badge image, and the dashboard with its filters
(without JavaScript), with zero axe violations."""

import pytest

from consultations.label.models import LabelAward
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def verification_path(language, withdrawn=False, award=None):
    status = LabelAward.WITHDRAWN if withdrawn else LabelAward.ACTIVE
    award = award or LabelAward.objects.filter(status=status, locale__language_code=language).first()
    base = "/fr/label-citoyen/" if language == "fr" else "/en/citizen-label/"
    return f"{base}verifier/{award.code}/"


@pytest.fixture(scope="module")
def untranslated_award(demo_server, django_db_blocker):
    """An award with no English version (the demo translates all of its own), committed for this module so that
    the live server sees it, and deleted after."""
    with django_db_blocker.unblock():
        model = LabelAward.objects.filter(locale__language_code="fr", status=LabelAward.ACTIVE).first()
        award = LabelAward(
            locale=model.locale,
            consultation=model.consultation,
            level=model.level,
            document_title="Charte des marchés de plein air",
            document_kind=LabelAward.DECREE,
            document_date=model.document_date,
            citizen_contribution="Les horaires du samedi ont été choisis par les commerçants et les habitants.",
        )
        award.save()
    yield award
    with django_db_blocker.unblock():
        award.delete()


def paths(untranslated_award):
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
        (verification_path("en", withdrawn=True), 200),
        (verification_path("en", award=untranslated_award), 200),
        ("/en/dashboard/", 200),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_label_and_dashboard_pages_have_no_axe_violation(demo_server, browser, width, untranslated_award):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []
    for path, status in paths(untranslated_award):
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
    # Its badge address answers 410 Gone, with the badge drawn as withdrawn: the browser still shows it.
    withdrawn = browser_page.get_by_role("img", name="label citoyen retiré")
    assert withdrawn.evaluate("img => img.complete && img.naturalWidth > 0")
    assert browser_page.get_by_role("link", name="Télécharger le badge").count() == 0


def test_a_code_and_a_file_are_checked_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    award = LabelAward.objects.select_related("document").get(
        locale__language_code="fr", status=LabelAward.ACTIVE, document_reference="26-C-0412"
    )
    page.goto(demo_server + "/fr/label-citoyen/")
    page.get_by_label("Code du label").fill(" ".join(award.code[i : i + 4].lower() for i in range(0, 16, 4)))
    page.get_by_role("button", name="Vérifier le code").click()
    page.wait_for_load_state()
    assert page.url == demo_server + verification_path("fr", award=award)
    assert award.document_sha256 in page.locator("main").inner_text()
    with award.document.file.open("rb") as stored:
        content = stored.read()
    upload = {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": content}
    page.set_input_files("#label-document", files=[upload])
    page.get_by_role("button", name="Vérifier ce fichier").click()
    page.wait_for_load_state()
    assert "Oui : ce fichier est le document labellisé" in page.locator("main").inner_text()
    page.goto(demo_server + "/fr/label-citoyen/")
    page.get_by_label("Code du label").fill("0000-0000-0000-000Z")
    page.get_by_role("button", name="Vérifier le code").click()
    page.wait_for_load_state()
    assert "Ce code de label est inconnu" in page.locator("main").inner_text()
    assert page.get_by_label("Code du label").input_value() == "0000-0000-0000-000Z"
    context.close()


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
    link = page.get_by_role("link", name="Télécharger ces chiffres (CSV, UTF-8 : séparateur virgule")
    assert link.get_attribute("href").endswith("figures.csv?year=2025&theme=&territory=")
    spreadsheet = page.get_by_role("link", name="Télécharger ces chiffres pour un tableur en français, comme Excel")
    href = spreadsheet.get_attribute("href")
    assert href.endswith("figures.csv?year=2025&theme=&territory=&format=spreadsheet-fr")
    content = page.request.get(demo_server + href).body()
    assert content.startswith(b"\xef\xbb\xbf") and content.decode("utf-8-sig").startswith("Périmètre;Groupe;")
    context.close()


# Measured in the page: each chart text's rendered height and size (its CSS font size scaled by the SVG's rendered
# width over its viewBox width) and whether it lies inside its SVG; each table region's caption and first column.
MEASURE_DASHBOARD = """() => {
    const texts = [...document.querySelectorAll('svg.dashboard-chart text')].map(text => {
        const svg = text.ownerSVGElement.getBoundingClientRect(), box = text.getBoundingClientRect();
        const scale = svg.width / text.ownerSVGElement.viewBox.baseVal.width;
        return {text: text.textContent, height: box.height, size: parseFloat(getComputedStyle(text).fontSize) * scale,
                inside: box.left >= svg.left - 0.5 && box.right <= svg.right + 0.5};
    });
    const regions = [...document.querySelectorAll('main table')].map(table => {
        const region = table.closest('[role=region]'), caption = table.caption;
        const visible = () => {
            const outer = region.getBoundingClientRect(), box = caption.getBoundingClientRect();
            return box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5 && box.width > 0
                && caption.scrollWidth <= caption.clientWidth;
        };
        const firstColumn = () => [...table.querySelectorAll('tr > :first-child')].every(
            cell => Math.abs(cell.getBoundingClientRect().left - region.getBoundingClientRect().left) <= 1.5);
        const result = {
            caption: caption.textContent, labelled: region.getAttribute('aria-labelledby') === caption.id,
            focusable: region.tabIndex === 0, scrolls: region.scrollWidth > region.clientWidth + 1,
            captionVisible: visible(), firstColumnVisible: firstColumn(),
        };
        region.scrollLeft = region.scrollWidth;  // scrolled to its last column: caption and first column stay
        result.captionVisibleScrolled = visible();
        result.firstColumnVisibleScrolled = firstColumn();
        region.scrollLeft = 0;
        return result;
    });
    const kept = [...document.querySelectorAll('th')].find(
        th => /Engagement tenu|Commitment kept/.test(th.textContent));
    const region = kept.closest('[role=region]').getBoundingClientRect(), box = kept.getBoundingClientRect();
    return {texts, regions, keptInView: box.left >= region.left && box.right <= region.right + 0.5};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/fr/tableau-de-bord/", "/en/dashboard/"])
def test_dashboard_charts_and_tables_are_readable_on_every_screen(demo_server, browser, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(demo_server + path)
    measures = page.evaluate(MEASURE_DASHBOARD)
    texts = measures["texts"]
    assert len(texts) > 20
    small = [text for text in texts if text["height"] < 12 or text["size"] < 12]
    assert not small, f"chart text under 12 px at {width} px: {small[:5]}"
    assert all(text["inside"] for text in texts), [text["text"] for text in texts if not text["inside"]]
    assert not any("…" in text["text"] for text in texts)
    regions = measures["regions"]
    assert len(regions) == 9
    for region in regions:
        assert region["labelled"] and region["focusable"], region
        assert region["captionVisible"] and region["captionVisibleScrolled"], region
        assert region["firstColumnVisible"] and region["firstColumnVisibleScrolled"], region
        if width == 1280:
            assert not region["scrolls"], f"a column of “{region['caption']}” is cut at 1280 px"
    # "Commitment kept?" is in view at once, even on a phone: it comes right after the commitment.
    assert measures["keptInView"]
    # No horizontal scrolling of the page, zero axe violations, a screenshot saved.
    assert_accessible(page, f"dashboard-{path}-{width}")
    context.close()


def test_english_verification_pages_show_the_translation_or_say_it_is_missing(
    demo_server, browser_page, untranslated_award
):
    translated = LabelAward.objects.get(locale__language_code="en", document_title="Lighting plan 2026")
    browser_page.goto(demo_server + verification_path("en", award=translated))
    main = browser_page.locator("main")
    assert "trying out presence detectors in three parks" in main.inner_text()
    # The statement is the English translation, unmarked (the consultation's own title may still be French, marked).
    assert browser_page.locator("p.lead[lang='fr']").count() == 0
    browser_page.goto(demo_server + verification_path("en", award=untranslated_award))
    assert "Not yet translated: shown in its original language, French." in main.inner_text()
    statement = browser_page.locator("p.lead[lang='fr']")
    assert "Les horaires du samedi" in statement.inner_text()

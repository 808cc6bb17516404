"""site_core page types: where they may live, that editors can create them, and what citizens see."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from site_core.models import AccessibilityStatementPage, HomePage, StandardPage
from tests.factories import HomePageFactory, StandardPageFactory, publish_child
from tests.utils import visible_text


def test_page_type_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) >= {StandardPage, AccessibilityStatementPage}
    assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]
    assert StandardPage.allowed_subpage_models() == [StandardPage]
    assert AccessibilityStatementPage.allowed_parent_page_models() == [HomePage]
    assert AccessibilityStatementPage.allowed_subpage_models() == []


def test_only_one_accessibility_statement_per_home(home_page):
    assert AccessibilityStatementPage.can_create_at(home_page)
    publish_child(home_page, statement(slug="accessibilite"))
    assert not AccessibilityStatementPage.can_create_at(home_page)


def statement(**fields):
    values = {
        "title": "Déclaration d'accessibilité",
        "slug": "accessibilite",
        "site_name": "Pacte",
        "statement_date": datetime.date(2026, 9, 15),
        "conformity_status": AccessibilityStatementPage.PARTIAL,
        "contact_email": "accessibilite@example.org",
    }
    values.update(fields)
    return AccessibilityStatementPage(**values)


@pytest.mark.django_db
class TestEditorsCreatePages(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePageFactory(slug="accueil-test")

    def test_standard_page_with_every_shared_block(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Comment participer",
                    "slug": "comment-participer",
                    "introduction": "Tout ce qu'il faut savoir.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "En personne", "level": "h2"}),
                            ("paragraph", rich_text("<p>Les ateliers sont ouverts à tous.</p>")),
                            ("quote", {"text": "Enfin écoutés.", "attribution": "Une habitante"}),
                            (
                                "key_figures",
                                {
                                    "title": "Chiffres",
                                    "figures": streamfield([("item", {"value": "95", "label": "communes"})]),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_accessibility_statement(self):
        self.assertCanCreate(
            self.home,
            AccessibilityStatementPage,
            nested_form_data(
                {
                    "title": "Déclaration d'accessibilité",
                    "slug": "accessibilite",
                    "site_name": "Pacte",
                    "statement_date": "2026-09-15",
                    "conformity_status": "partial",
                    "contact_email": "accessibilite@example.org",
                    "audit_scope": rich_text(""),
                    "non_conformities": rich_text(""),
                    "exemptions": rich_text(""),
                    "disproportionate_burden": rich_text(""),
                }
            ),
        )

    def test_home_page_with_hero_and_highlights(self):
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "home-bis",
                    "hero_title": "Taking part is a contract",
                    "hero_text": "",
                    "introduction": rich_text("<p>Read our commitments.</p>"),
                    "sections": streamfield([("section", "open_consultations"), ("section", "highlights")]),
                    "highlights": streamfield([("highlight", {"page": self.home.pk, "title": "", "text": ""})]),
                    "body": streamfield([]),
                }
            ),
        )

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(self.home)


def test_home_page_shows_hero_and_highlighted_pages(client, home_page):
    about = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos", listing_summary="Qui sommes-nous")
    home_page.hero_text = "Lisez nos engagements."
    home_page.highlights = [("highlight", {"page": about, "title": "", "text": ""})]
    home_page.save_revision().publish()
    text = visible_text(client.get("/fr/"))
    assert "Bienvenue" in text
    assert "Lisez nos engagements." in text
    assert "À propos Qui sommes-nous" in text


def test_highlight_to_a_draft_page_is_not_shown(client, home_page):
    draft = StandardPage(title="Brouillon secret", slug="brouillon", live=False)
    home_page.add_child(instance=draft)
    home_page.highlights = [("highlight", {"page": draft, "title": "", "text": ""})]
    home_page.save_revision().publish()
    assert "Brouillon secret" not in visible_text(client.get("/fr/"))


def test_accessibility_statement_shows_status_and_appeal_and_footer_link(client, home_page):
    publish_child(home_page, statement())
    page_text = visible_text(client.get("/fr/accessibilite/"))
    assert "partiellement conforme" in page_text
    assert "Défenseur des droits" in page_text
    assert "2005-102" in page_text
    home_text = visible_text(client.get("/fr/"))
    assert "Accessibilité : partiellement conforme" in home_text


def test_standard_page_renders_document_link_with_type_and_size(client, home_page):
    from site_core.demo import demo_document

    document = demo_document("Charte 2016", ["Texte officiel"])
    page = StandardPageFactory(
        parent=home_page, title="Documents", slug="documents", body=[("document", {"document": document, "title": ""})]
    )
    text = visible_text(client.get(page.url))
    assert "Charte 2016 (PDF," in text
    assert "octets" in text or "Ko" in text


def highlighted_home(home_page, count, prefix):
    from site_core.demo import demo_image

    pages = []
    for number in range(count):
        image = demo_image(f"{prefix} {number}", ["#ffffff", "#1f4e8c"], seed=number, width=960, height=540)
        pages.append(
            StandardPageFactory(
                parent=home_page, title=f"{prefix} {number}", slug=f"{prefix.lower()}-{number}", listing_image=image
            )
        )
    home_page.highlights = [("highlight", {"page": page, "title": "", "text": ""}) for page in pages]
    home_page.save_revision().publish()


def test_highlight_cards_use_responsive_images_in_a_fixed_number_of_queries(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    highlighted_home(home_page, 2, "Petit")
    client.get("/fr/")
    with CaptureQueriesContext(connection) as few:
        html = client.get("/fr/").content.decode()
    assert 'srcset="' in html and 'width="480"' in html and 'height="270"' in html
    highlighted_home(home_page, 6, "Grand")
    client.get("/fr/")
    with CaptureQueriesContext(connection) as many:
        client.get("/fr/")
    assert len(many.captured_queries) == len(few.captured_queries)

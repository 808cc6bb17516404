"""The legal notice, personal-data page and site map: what a citizen must read on them, the footer links to
them in the reader's language, private pages kept out of the site map, and what editors can create."""

import datetime
import os
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from site_core import demo_content
from site_core.models import (
    AccessibilityStatementPage,
    HomePage,
    LegalNoticePage,
    PersonalDataPage,
    SiteMapPage,
    StandardPage,
)
from tests.factories import AccessibilityStatementPageFactory, HomePageFactory, StandardPageFactory, publish_child
from tests.utils import visible_text


def legal_notice(**fields):
    values = {
        "title": "Mentions légales",
        "slug": "mentions-legales",
        "publisher_name": "Métropole du Val de Marque",
        "publisher_status": "établissement public de coopération intercommunale",
        "publisher_address": "1 place de la Concertation\n59000 Marquenval",
        "publisher_siren": "200099991",
        "publisher_phone": "03 53 20 40 00",
        "director_name": "Martine Delcourt",
        "director_role": "Présidente de la Métropole du Val de Marque",
        "host_name": "Nordhéberg SAS",
        "host_address": "14 rue des Serveurs\n59650 Les Hauts-Prés",
        "host_phone": "03 53 20 12 34",
        "intellectual_property": "<p>Textes publiés sous Licence Ouverte 2.0.</p>",
    }
    values.update(fields)
    return LegalNoticePage(**values)


def personal_data(**fields):
    values = {
        "title": "Données personnelles",
        "slug": "donnees-personnelles",
        "last_updated": datetime.date(2026, 9, 15),
        "controller_name": "Métropole du Val de Marque, représentée par sa Présidente",
        "controller_address": "1 place de la Concertation\n59000 Marquenval",
        "dpo_name": "le délégué à la protection des données",
        "dpo_email": "dpd@metropole-val-de-marque.example",
        "processings": [
            (
                "processing",
                {
                    "name": "Comptes des agents",
                    "purpose": "Suivre les formations.",
                    "legal_basis": "public_task",
                    "data": "Nom, adresse électronique.",
                    "recipients": "La Mission participation citoyenne.",
                    "retention": "Un an après le départ de l'agent.",
                },
            )
        ],
        "rights_exercise": "<p>Écrivez au délégué, réponse sous un mois.</p>",
        "cookies": [
            (
                "cookie",
                {
                    "name": "sessionid",
                    "purpose": "Garder un agent connecté.",
                    "set_when": "À la connexion.",
                    "lifetime": "Deux semaines.",
                },
            )
        ],
        "cookies_consent": "<p>Cookies strictement nécessaires : exemptés de consentement par la CNIL.</p>",
    }
    values.update(fields)
    return PersonalDataPage(**values)


def site_map(**fields):
    values = {"title": "Plan du site", "slug": "plan-du-site"}
    values.update(fields)
    return SiteMapPage(**values)


def footer_links(response):
    """(href, lang or None, text) of each link in the page's footer."""
    footer = re.search(r"<footer.*?</footer>", response.content.decode(), flags=re.S).group(0)
    return [
        (href, lang or None, re.sub(r"\s+", " ", text).strip())
        for href, lang, text in re.findall(r'<a href="([^"]+)"(?: lang="(\w+)")?[^>]*>(.*?)</a>', footer, flags=re.S)
    ]


# --- Where the pages live ---------------------------------------------------------------------------------


def test_legal_pages_live_under_the_home_page_once_each(home_page):
    for model in (LegalNoticePage, PersonalDataPage, SiteMapPage):
        assert model.allowed_parent_page_models() == [HomePage]
        assert model.allowed_subpage_models() == []
    assert set(HomePage.allowed_subpage_models()) >= {LegalNoticePage, PersonalDataPage, SiteMapPage}
    for build in (legal_notice, personal_data, site_map):
        page = build()
        assert type(page).can_create_at(home_page)
        publish_child(home_page, page)
        assert not type(page).can_create_at(home_page)


@pytest.mark.django_db
def test_siren_must_be_nine_digits():
    with pytest.raises(ValidationError) as error:
        legal_notice(publisher_siren="2000A999").full_clean()
    assert "9" in str(error.value.message_dict["publisher_siren"])


# --- What a citizen reads ---------------------------------------------------------------------------------


def test_legal_notice_names_publisher_director_host_and_links_the_accessibility_statement(client, home_page):
    AccessibilityStatementPageFactory(
        parent=home_page,
        title="Déclaration d'accessibilité",
        slug="accessibilite",
        site_name="Pacte",
        statement_date=datetime.date(2026, 9, 15),
        conformity_status=AccessibilityStatementPage.PARTIAL,
        contact_email="accessibilite@example.org",
    )
    publish_child(home_page, legal_notice(credits="<p>Développement : Pacte, logiciel libre.</p>"))
    response = client.get("/fr/mentions-legales/")
    text = visible_text(response)
    assert "Éditeur" in text
    assert "Métropole du Val de Marque, établissement public de coopération intercommunale" in text
    assert "1 place de la Concertation 59000 Marquenval" in text
    assert "Numéro SIREN 200 099 991" in text
    assert "03 53 20 40 00" in text
    assert "Direction de la publication Martine Delcourt, Présidente de la Métropole du Val de Marque." in text
    assert "Hébergeur" in text
    assert "Nordhéberg SAS" in text and "14 rue des Serveurs 59650 Les Hauts-Prés" in text and "03 53 20 12 34" in text
    assert "Licence Ouverte 2.0" in text
    assert "Développement : Pacte, logiciel libre." in text
    assert "partiellement conforme" in text
    assert 'href="/fr/accessibilite/"' in response.content.decode()


def test_personal_data_page_names_controller_dpo_rights_cnil_and_cookies(client, home_page):
    publish_child(home_page, personal_data())
    text = visible_text(client.get("/fr/donnees-personnelles/"))
    assert "Responsable du traitement" in text
    assert "Métropole du Val de Marque, représentée par sa Présidente" in text
    assert "dpd@metropole-val-de-marque.example" in text
    # One processing with what GDPR article 13 lists.
    assert "Comptes des agents" in text
    assert "Finalité Suivre les formations." in text
    assert "Base légale Mission d'intérêt public (article 6.1.e du RGPD)" in text
    assert "Durée de conservation Un an après le départ de l'agent." in text
    assert "Destinataires La Mission participation citoyenne." in text
    # The rights, how to exercise them, and the complaint to the CNIL.
    assert "accéder à vos données" in text
    assert "vous opposer" in text
    assert "Écrivez au délégué, réponse sous un mois." in text
    assert "réclamation auprès de la CNIL" in text
    # The cookies, and why no banner.
    assert "sessionid Garder un agent connecté. À la connexion. Deux semaines." in text
    assert "Pourquoi nous ne vous demandons pas votre consentement" in text
    assert "exemptés de consentement par la CNIL" in text


def test_personal_data_page_in_english(client, home_page, home_page_en, translate_page):
    source = publish_child(home_page, personal_data())
    translate_page(source, home_page_en.locale, title="Personal data", slug="personal-data")
    text = visible_text(client.get("/en/personal-data/"))
    assert "Data controller" in text
    assert "Task carried out in the public interest (GDPR article 6.1.e)" in text
    assert "complaint with the CNIL" in text
    assert "Cookies set by this site" in text


def test_reading_the_site_sets_no_cookie_and_only_a_form_sets_the_csrf_cookie(client, home_page):
    """The personal-data page says reading needs no cookie: the claim holds for pages and the search."""
    publish_child(home_page, personal_data())
    publish_child(home_page, site_map())
    for path in ("/", "/fr/", "/fr/donnees-personnelles/", "/fr/plan-du-site/", "/fr/recherche/?q=charte"):
        response = client.get(path)
        assert not response.cookies, (path, list(response.cookies))
    assert list(client.get("/fr/connexion/").cookies) == ["csrftoken"]


# --- The site map -----------------------------------------------------------------------------------------


def test_site_map_lists_public_pages_nested_and_never_a_private_or_draft_one(client, home_page, home_page_en):
    participate = StandardPageFactory(parent=home_page, title="Participer", slug="participer")
    StandardPageFactory(parent=participate, title="Les ateliers", slug="ateliers")
    staff = StandardPageFactory(parent=home_page, title="Espace des agents", slug="agents")
    PageViewRestriction.objects.create(page=staff, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=staff, title="Module réservé", slug="module")
    draft = StandardPage(title="Brouillon en cours", slug="brouillon", live=False)
    home_page.add_child(instance=draft)
    StandardPageFactory(parent=home_page_en, title="English only page", slug="english")
    publish_child(home_page, site_map())

    response = client.get("/fr/plan-du-site/")
    html = response.content.decode()
    text = visible_text(response)
    assert "Accueil" in text and "Participer" in text and "Les ateliers" in text and "Plan du site" in text
    for hidden in ("Espace des agents", "Module réservé", "Brouillon en cours", "English only page"):
        assert hidden not in text.split("Plan du site", 2)[-1], hidden
    # Nested as the tree is: the workshops sit in a list inside the "Participer" item.
    assert re.search(r'<a href="/fr/participer/">Participer</a>\s*<ul>\s*<li><a href="/fr/participer/ateliers/">', html)


@pytest.mark.parametrize("count", [5, 50])
def test_site_map_query_count_does_not_grow_with_pages(client, home_page, django_assert_max_num_queries, count):
    section = StandardPageFactory(parent=home_page, title="Rubrique", slug="rubrique")
    for number in range(count):
        StandardPageFactory(parent=section, title=f"Page {number}", slug=f"page-{number}")
    publish_child(home_page, site_map())
    client.get("/fr/plan-du-site/")  # warm the per-generation caches (site chrome, privacy, locales)
    # Serving any page costs six queries here (generation, site, locale, route, specific page); the tree one more.
    with django_assert_max_num_queries(7):
        response = client.get("/fr/plan-du-site/")
    assert f"Page {count - 1}" in visible_text(response)


# --- The footer -------------------------------------------------------------------------------------------


def build_bilingual_site(home_page, home_page_en, translate_page):
    """Every site_core page type, in French and English; returns their paths, French then English."""
    pages = [
        publish_child(home_page, legal_notice()),
        publish_child(home_page, personal_data()),
        publish_child(home_page, site_map()),
        StandardPageFactory(parent=home_page, title="Participer", slug="participer"),
        AccessibilityStatementPageFactory(
            parent=home_page,
            title="Déclaration d'accessibilité",
            slug="accessibilite",
            site_name="Pacte",
            statement_date=datetime.date(2026, 9, 15),
            contact_email="accessibilite@example.org",
        ),
    ]
    english = {
        "mentions-legales": ("Legal notice", "legal-notice"),
        "donnees-personnelles": ("Personal data", "personal-data"),
        "plan-du-site": ("Site map", "site-map"),
        "participer": ("Take part", "take-part"),
        "accessibilite": ("Accessibility statement", "accessibility"),
    }
    for page in pages:
        title, slug = english[page.slug]
        translate_page(page, home_page_en.locale, title=title, slug=slug)
    fr_paths = ["/fr/", *(f"/fr/{page.slug}/" for page in pages)]
    en_paths = ["/en/", *(f"/en/{slug}/" for _title, slug in english.values())]
    return fr_paths, en_paths


def test_every_footer_links_the_legal_pages_in_the_readers_language(client, home_page, home_page_en, translate_page):
    fr_paths, en_paths = build_bilingual_site(home_page, home_page_en, translate_page)
    expected = {
        "fr": [
            ("/fr/mentions-legales/", None, "Mentions légales"),
            ("/fr/donnees-personnelles/", None, "Données personnelles"),
            ("/fr/plan-du-site/", None, "Plan du site"),
        ],
        "en": [
            ("/en/legal-notice/", None, "Legal notice"),
            ("/en/personal-data/", None, "Personal data"),
            ("/en/site-map/", None, "Site map"),
        ],
    }
    for language, paths in (("fr", fr_paths), ("en", en_paths)):
        for path in [
            *paths,
            f"/{language}/{'recherche' if language == 'fr' else 'search'}/?q=x",
            f"/{language}/nowhere/",
        ]:
            response = client.get(path)
            assert response.status_code in (200, 404), path
            links = footer_links(response)
            assert [link for link in links if link in expected[language]] == expected[language], (path, links)


def test_footer_falls_back_to_the_french_page_and_says_it_is_french(client, home_page, locales, translate_page):
    publish_child(home_page, legal_notice())
    translate_page(home_page, locales["nl"], title="Home", hero_title="Welkom")
    links = footer_links(client.get("/nl/"))
    assert ("/fr/mentions-legales/", "fr", "Mentions légales") in links


def test_footer_leaves_out_an_unpublished_legal_page(client, home_page):
    notice = publish_child(home_page, legal_notice())
    notice.unpublish()
    assert "Mentions légales" not in [text for _href, _lang, text in footer_links(client.get("/fr/"))]


# --- The demo ---------------------------------------------------------------------------------------------


def test_demo_builds_the_legal_pages_in_french_and_english_idempotently(client, home_page, home_page_en):
    demo_content.build_legal_pages(open(os.devnull, "w"))  # noqa: SIM115
    first = sorted(Page.objects.values_list("url_path", "title", "live"))
    demo_content.build_legal_pages(open(os.devnull, "w"))  # noqa: SIM115
    assert sorted(Page.objects.values_list("url_path", "title", "live")) == first
    fr_text = visible_text(client.get("/fr/mentions-legales/"))
    assert "200 099 991" in fr_text and "Nordhéberg SAS" in fr_text and "Martine Delcourt" in fr_text
    en_response = client.get("/en/legal-notice/")
    assert "President of Métropole du Val de Marque" in visible_text(en_response)
    assert "200 099 991" in visible_text(en_response)  # synchronised, never retyped
    en_data = visible_text(client.get("/en/personal-data/"))
    assert "csrftoken" in en_data and "dpd@metropole-val-de-marque.example" in en_data
    assert "Home" in visible_text(client.get("/en/site-map/"))
    assert [text for _href, _lang, text in footer_links(client.get("/en/"))][-3:] == [
        "Legal notice",
        "Personal data and cookies",
        "Site map",
    ]


# --- Editors ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestEditorsCreateLegalPages(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePageFactory(slug="accueil-test")

    def test_legal_notice(self):
        self.assertCanCreate(
            self.home,
            LegalNoticePage,
            nested_form_data(
                {
                    "title": "Mentions légales",
                    "slug": "mentions-legales",
                    "publisher_name": "Métropole du Val de Marque",
                    "publisher_status": "",
                    "publisher_address": "1 place de la Concertation\n59000 Marquenval",
                    "publisher_siren": "200099991",
                    "publisher_phone": "03 53 20 40 00",
                    "publisher_email": "",
                    "director_name": "Martine Delcourt",
                    "director_role": "Présidente",
                    "host_name": "Nordhéberg SAS",
                    "host_address": "14 rue des Serveurs",
                    "host_phone": "03 53 20 12 34",
                    "intellectual_property": rich_text("<p>Licence Ouverte 2.0.</p>"),
                    "credits": rich_text(""),
                }
            ),
        )

    def test_personal_data_page(self):
        self.assertCanCreate(
            self.home,
            PersonalDataPage,
            nested_form_data(
                {
                    "title": "Données personnelles",
                    "slug": "donnees-personnelles",
                    "introduction": "",
                    "last_updated": "2026-09-15",
                    "controller_name": "Métropole du Val de Marque",
                    "controller_address": "1 place de la Concertation",
                    "dpo_name": "Le délégué à la protection des données",
                    "dpo_email": "dpd@metropole-val-de-marque.example",
                    "dpo_address": "",
                    "processings": streamfield(
                        [
                            (
                                "processing",
                                {
                                    "name": "Comptes des agents",
                                    "purpose": "Suivre les formations.",
                                    "legal_basis": "public_task",
                                    "data": "Nom.",
                                    "recipients": "La Mission.",
                                    "retention": "Un an.",
                                },
                            )
                        ]
                    ),
                    "rights_exercise": rich_text("<p>Écrivez au délégué.</p>"),
                    "cookies": streamfield(
                        [
                            (
                                "cookie",
                                {
                                    "name": "sessionid",
                                    "purpose": "Connexion.",
                                    "set_when": "Connexion.",
                                    "lifetime": "2 semaines.",
                                },
                            )
                        ]
                    ),
                    "cookies_consent": rich_text("<p>Strictement nécessaires.</p>"),
                }
            ),
        )

    def test_site_map(self):
        self.assertCanCreate(
            self.home,
            SiteMapPage,
            nested_form_data({"title": "Plan du site", "slug": "plan-du-site", "introduction": ""}),
        )


def test_the_demonstration_line_is_shown_only_where_the_setting_says_so(client, home_page):
    from site_core.models import SiteSettings

    line = "Site de démonstration : l'autorité, ses documents et ses contributions sont fictifs."
    assert line not in client.get(home_page.url).content.decode()
    settings = SiteSettings.for_site(home_page.get_site())
    settings.is_demonstration = True
    settings.save()
    assert client.get(home_page.url).content.decode().count(line) == 1

"""Languages that never mislead (issue 18): a menu of one language leads to that language's pages or says where it
leads, the tagline is the page's language's, the switcher on an untranslated page says so and offers the original,
and lists show what is not yet translated, marked with its language, rather than hiding it."""

import re

import pytest

from site_core.models import NavigationMenu, NavigationMenuItem
from site_core.templatetags.site_core_tags import whole_sentences
from tests.factories import StandardPageFactory
from tests.utils import visible_text


def main_menu(html):
    return html.split('id="main-nav"')[1].split("</nav>")[0]


def menu_of(home, *links):
    menu = NavigationMenu.objects.create(location=NavigationMenu.MAIN, locale=home.locale)
    for position, (page, label) in enumerate(links):
        NavigationMenuItem.objects.create(menu=menu, page=page, label=label, sort_order=position, locale=home.locale)
    return menu


@pytest.fixture
def french_pages(home_page):
    return [
        StandardPageFactory(parent=home_page, title="Comment participer", slug="participer"),
        StandardPageFactory(parent=home_page, title="Les données", slug="donnees"),
    ]


def test_a_language_without_a_menu_gets_the_source_menu_with_each_link_announced(
    client, home_page, french_pages, translate_page, locales
):
    translate_page(home_page, locales["nl"], title="Home", hero_title="Welkom", slug="home-nl")
    menu_of(home_page, (french_pages[0], ""), (french_pages[1], "Données"))
    menu = main_menu(client.get("/nl/").content.decode())
    # The page's title and the label are French: marked so; and each link says it leads to a French page.
    assert '<a href="/fr/participer/" hreflang="fr"><span lang="fr">Comment participer</span>' in menu
    assert '<a href="/fr/donnees/" hreflang="fr"><span lang="fr">Données</span>' in menu
    assert menu.count('<span class="visually-hidden">(in het Frans)</span>') == 2
    assert menu.count('<span aria-hidden="true">(FR)</span>') == 2


def test_a_source_menu_link_leads_to_the_translation_under_its_title(
    client, home_page, home_page_en, french_pages, translate_page, locales
):
    menu_of(home_page, (french_pages[0], "Participer"), (french_pages[1], ""))
    translate_page(french_pages[0], locales["en"], title="How to take part", slug="taking-part")
    menu = main_menu(client.get("/en/").content.decode())
    assert '<a href="/en/taking-part/">How to take part</a>' in menu
    # The other page has no English version: the original, announced.
    assert '<a href="/fr/donnees/" hreflang="fr"><span lang="fr">Les données</span>' in menu
    assert "(in French)" in menu


def test_a_menu_in_the_readers_language_keeps_its_labels_and_announces_an_original(
    client, home_page, home_page_en, french_pages
):
    menu_of(home_page_en, (french_pages[1], "Open data"))
    menu = main_menu(client.get("/en/").content.decode())
    # The label is the editor's English; the page it leads to is French.
    assert '<a href="/fr/donnees/" hreflang="fr">Open data <span class="language-mark" lang="en">' in menu
    assert "<span lang=" not in menu.split("Open data")[0]


def test_the_tagline_is_the_home_page_of_the_readers_language(client, home_page, home_page_en, locales):
    home_page.tagline = "La participation, engagement par engagement"
    home_page.save_revision().publish()
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<span class="site-brand__tagline">La participation, engagement par engagement</span>' in french
    # The English home has no tagline of its own: nothing, rather than the French sentence.
    assert "engagement par engagement" not in english
    home_page_en.tagline = "Participation, one commitment at a time"
    home_page_en.save_revision().publish()
    assert "one commitment at a time</span>" in client.get("/en/").content.decode()


def test_the_switcher_on_an_untranslated_page_leads_to_a_page_saying_so(client, home_page, home_page_en, locales):
    page = StandardPageFactory(parent=home_page, title="Seulement en français", slug="seule")
    html = client.get("/fr/seule/").content.decode()
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">', html).group(1)
    assert link == f"/en/not-translated/{page.pk}/"
    assert "cette page n'est pas traduite" in html

    response = client.get(link)
    assert response.status_code == 200
    text = visible_text(response)
    assert "This page is not available in English" in text
    assert "has not been translated into English yet" in text
    body = response.content.decode()
    assert '<a href="/fr/seule/" lang="fr" hreflang="fr"><span>Seulement en français</span>' in body
    assert "(French, the page you came from)" in text
    assert '<meta name="robots" content="noindex">' in body
    assert '<html lang="en"' in body


def test_the_not_translated_page_in_dutch_is_in_dutch(client, home_page, locales):
    page = StandardPageFactory(parent=home_page, title="Seulement en français", slug="seule")
    response = client.get(f"/nl/niet-vertaald/{page.pk}/")
    assert response.status_code == 200
    assert "Deze pagina bestaat niet in het Nederlands" in visible_text(response)


def test_the_not_translated_page_sends_to_a_translation_made_since(
    client, home_page, home_page_en, translate_page, locales
):
    page = StandardPageFactory(parent=home_page, title="Bientôt traduite", slug="bientot")
    translate_page(page, locales["en"], title="Translated at last", slug="at-last")
    response = client.get(f"/en/not-translated/{page.pk}/")
    assert response.status_code == 302 and response["Location"] == "/en/at-last/"


def test_the_not_translated_page_tells_nothing_of_a_draft_or_a_private_page(client, home_page, locales):
    from wagtail.models import PageViewRestriction

    draft = StandardPageFactory(parent=home_page, title="Brouillon secret", slug="brouillon")
    draft.unpublish()
    private = StandardPageFactory(parent=home_page, title="Page privée", slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for page in (draft, private):
        response = client.get(f"/en/not-translated/{page.pk}/")
        assert response.status_code == 404
        assert page.title not in response.content.decode()
    assert client.get("/en/not-translated/999999/").status_code == 404


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Une phrase. Une autre phrase qui est longue.", 3, "Une phrase."),
        ("Une phrase. Une autre.", 10, "Une phrase. Une autre."),
        (
            "Un résumé qui parle du canal et du parc de la Marque. Une suite.",
            8,
            "Un résumé qui parle du canal et du parc de la Marque.",
        ),
        (" ".join(["mot"] * 30), 5, "mot mot mot mot mot …"),
        ("", 5, ""),
    ],
)
def test_a_summary_is_cut_between_sentences_never_inside_one(text, words, expected):
    assert whole_sentences(text, words) == expected

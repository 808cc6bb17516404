"""Languages: URL prefixes, lang and hreflang, the switcher, the redirect from /, translated 404s."""

import re

from tests.factories import StandardPageFactory
from tests.utils import visible_text


def test_each_home_page_declares_its_language_and_alternates(client, home_page_en):
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="fr"' in french
    assert '<html lang="en"' in english
    for html in (french, english):
        assert 'hreflang="fr" href="http://testserver/fr/"' in html
        assert 'hreflang="en" href="http://testserver/en/"' in html
        assert 'hreflang="x-default" href="http://testserver/fr/"' in html


def test_language_switcher_links_to_the_translation(client, home_page_en, translate_page, locales):
    about = StandardPageFactory(parent=home_page_en.get_translation(locales["fr"]), title="À propos", slug="a-propos")
    translate_page(about, locales["en"], title="About", slug="about")
    html = client.get("/fr/a-propos/").content.decode()
    assert '<a href="/en/about/" lang="en" hreflang="en"><span class="language-switcher__name">English' in html


def test_switcher_falls_back_to_the_home_page_where_no_page_is_shown(client, home_page_en):
    # A view that is not a page (the search) has no translation to look for: the switcher leads to each home.
    html = client.get("/fr/recherche/?q=charte").content.decode()
    assert '<a href="/en/" lang="en" hreflang="en"><span class="language-switcher__name">English' in html


def test_root_redirects_to_the_preferred_published_language(client, home_page_en):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/fr/"
    # No Dutch home page here: the default language is chosen rather than a half-empty site.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE")["Location"] == "/fr/"


def test_untranslated_page_is_rendered_in_its_own_language(client, home_page):
    response = client.get("/nl/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def test_unknown_url_gives_the_404_page_in_the_right_language(client, home_page_en):
    french = client.get("/fr/nexiste-pas/")
    english = client.get("/en/does-not-exist/")
    assert french.status_code == english.status_code == 404
    assert "Page introuvable" in visible_text(french)
    assert "Page not found" in visible_text(english)
    assert '<html lang="en"' in english.content.decode()


def test_unknown_url_outside_any_language_is_a_404_not_a_500(client, home_page):
    response = client.get("/%ff%fe/../nothing", follow=True)
    assert response.status_code == 404


def test_server_error_page_is_translated_and_needs_no_database(rf, settings):
    from django.utils import translation

    from site_core.views import server_error

    with translation.override("fr"):
        response = server_error(rf.get("/fr/"))
    assert response.status_code == 500
    assert '<html lang="fr">' in response.content.decode()
    assert "Erreur temporaire" in visible_text(response)


def test_hidden_hint_in_a_link_to_another_language_keeps_the_page_language(client, home_page_en):
    StandardPageFactory(
        parent=home_page_en.get_translation(home_page_en.locale.get_default()), title="Seule", slug="seule"
    )
    html = client.get("/fr/seule/").content.decode()
    # The link is marked lang="en"; its hidden hint is French, and says so.
    assert re.search(
        r'<a href="/en/not-translated/\d+/" lang="en" hreflang="en">.*?English.*?'
        r"<span class=\"visually-hidden\" lang=\"fr\"> – cette page n'est pas traduite</span>",
        html,
    )

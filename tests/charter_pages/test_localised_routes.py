"""The charter's sub-routes in each language's words; the French words, printed on paper, keep working everywhere."""

import pytest

from charter_pages.models import Commitment
from tests.factories import translate
from tests.utils import visible_text

ROUTES = {
    "fr": ["facile/", "imprimer/", "engagements/2/"],
    "en": ["easy-read/", "print/", "commitments/2/"],
    "nl": ["eenvoudig/", "afdrukken/", "engagementen/2/"],
}


@pytest.fixture
def charters(charter, home_page, home_page_en, locales, sync):
    translate(home_page, locales["nl"], title="Welkom", hero_title="Welkom", slug="welkom")
    return {"fr": charter, "en": sync(charter, locales["en"]), "nl": sync(charter, locales["nl"])}


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_each_language_answers_at_its_own_words(client, charters, language):
    page = charters[language]
    for route in ROUTES[language]:
        response = client.get(page.url + route)
        assert response.status_code == 200, route
    commitments = client.get(page.url + ROUTES[language][2].replace("2/", ""))
    assert commitments.status_code == 301
    assert commitments["Location"] == f"{page.url}#engagements"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_french_words_under_other_languages_redirect_permanently(client, charters, language):
    page = charters[language]
    for old, new in zip(ROUTES["fr"], ROUTES[language], strict=True):
        response = client.get(page.url + old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url + new
    response = client.get(page.url + "engagements/2/?utm_source=papier")
    assert response["Location"] == f"{page.url}{ROUTES[language][2]}?utm_source=papier"
    # The French words at the commitments list go straight to the list, not through a second redirect.
    assert client.get(page.url + "engagements/")["Location"] == f"{page.url}#engagements"


def test_another_language_s_words_lead_to_the_page_s_own(client, charters):
    response = client.get(charters["en"].url + "eenvoudig/")
    assert response.status_code == 301
    assert response["Location"] == charters["en"].url + "easy-read/"
    assert client.get(charters["fr"].url + "commitments/3/")["Location"] == charters["fr"].url + "engagements/3/"


def test_links_on_english_pages_use_english_words(client, charters):
    en, fr, nl = charters["en"], charters["fr"], charters["nl"]
    charter_html = client.get(en.url).content.decode()
    assert f'href="{en.url}easy-read/"' in charter_html
    assert f'href="{en.url}print/"' in charter_html
    assert f'href="{en.url}commitments/3/"' in charter_html
    assert "facile/" not in charter_html and "engagements/" not in charter_html and "imprimer/" not in charter_html

    commitment_html = client.get(en.url + "commitments/2/").content.decode()
    assert f'href="{en.url}easy-read/#engagement-2"' in commitment_html
    assert f'<a href="{en.url}commitments/2/" aria-current="page">' in commitment_html  # breadcrumbs
    assert f'<link rel="canonical" href="http://testserver{en.url}commitments/2/">' in commitment_html
    assert f'hreflang="en" href="http://testserver{en.url}commitments/2/"' in commitment_html
    assert f'hreflang="fr" href="http://testserver{fr.url}engagements/2/"' in commitment_html
    assert f'hreflang="nl" href="http://testserver{nl.url}engagementen/2/"' in commitment_html
    assert f'hreflang="x-default" href="http://testserver{fr.url}engagements/2/"' in commitment_html
    assert f'href="{nl.url}engagementen/2/"' in commitment_html  # the language switcher

    easy_html = client.get(en.url + "easy-read/").content.decode()
    assert f'<link rel="canonical" href="http://testserver{en.url}easy-read/">' in easy_html
    assert f'hreflang="nl" href="http://testserver{nl.url}eenvoudig/"' in easy_html
    assert f'href="{fr.url}facile/"' in easy_html

    english = Commitment.objects.get(chapter__page=en, number=3)
    assert english.get_url() == f"{en.url}commitments/3/"
    assert Commitment.objects.get(chapter__page=nl, number=3).get_url() == f"{nl.url}engagementen/3/"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Cette charte n'a pas d'engagement numéro 99."),
        ("en", "This charter has no commitment number 99."),
        ("nl", "Dit handvest heeft geen verbintenis nummer 99."),
    ],
)
def test_an_unknown_commitment_gives_a_helpful_404_in_each_language(client, charters, language, message):
    page = charters[language]
    response = client.get(page.url + ROUTES[language][2].replace("2/", "99/"))
    assert response.status_code == 404
    text = visible_text(response)
    assert message in text
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for number in (1, 2, 3):
        assert f'href="{page.url}{ROUTES[language][2].replace("2/", f"{number}/")}"' in html
    assert '<meta name="robots" content="noindex">' in html
    # Through the French words, the same answer once redirected.
    if language != "fr":
        assert client.get(page.url + "engagements/99/")["Location"] == page.url + ROUTES[language][2].replace(
            "2/", "99/"
        )

"""The charter page: where it lives, what a citizen reads on it, its permalinks and its easy-to-read version."""

import re

import pytest
from django.test import Client

from charter_pages.models import CharterChapter, CharterPage, Commitment
from site_core.models import HomePage
from tests.factories import CharterPageFactory, HomePageFactory, StandardPageFactory
from tests.utils import QUERY_BUDGET, visible_text

pytestmark = pytest.mark.django_db


def test_page_type_rules(home_page):
    assert CharterPage.allowed_parent_page_models() == [HomePage]
    assert CharterPage.allowed_subpage_models() == []
    assert CharterPage.can_create_at(home_page)
    CharterPageFactory(parent=home_page)
    assert not CharterPage.can_create_at(home_page), "one charter per home page, so one per locale"
    other = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos")
    assert not CharterPage.can_create_at(other)


def test_charter_shows_both_sides_of_the_contract(client, charter):
    response = client.get(charter.url)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Charte de la participation citoyenne" in text
    assert "Nous nous engageons à tenir la promesse 1." in text
    assert "Pour vous, la promesse 2 change les choses." in text
    assert "Preuve publique 3." in text
    assert "Article 3" in text
    assert "Respecter les autres" in text and "Écouter chaque avis." in text
    assert "Conseil métropolitain" in text and "2 décembre 2016" in text and "16 C 0999" in text
    assert "Version facile à lire" in text
    assert "Imprimer ou enregistrer en PDF" in text


def test_chapters_and_commitments_follow_the_editors_order(client, home_page):
    page = CharterPageFactory(parent=home_page, commitments_per_chapter=(3, 2))
    first, second = CharterChapter.objects.filter(page=page).order_by("sort_order")
    # The editor moves chapter 2 above chapter 1 and commitment 3 to the top of its chapter.
    first.sort_order, second.sort_order = 1, 0
    first.save()
    second.save()
    Commitment.objects.filter(chapter=first, number=3).update(sort_order=-1)
    html = client.get(page.url).content.decode()
    headings = re.findall(r'<h3 id="chapitre-\d+-title">([^<]+)</h3>', html)
    assert headings == ["Chapitre 2", "Chapitre 1"]
    numbers = [int(n) for n in re.findall(r'<article class="commitment" id="engagement-(\d+)"', html)]
    assert numbers == [4, 5, 3, 1, 2]


def test_each_commitment_has_an_anchor_and_a_permalink(client, charter):
    html = client.get(charter.url).content.decode()
    for number in (1, 2, 3):
        assert f'id="engagement-{number}"' in html
        assert f'href="{charter.url}engagements/{number}/"' in html
    commitment = Commitment.objects.get(chapter__page=charter, number=2)
    assert str(commitment) == "2. Engagement numéro 2"
    assert commitment.get_url() == f"{charter.url}engagements/2/"


def test_commitment_page_shows_the_promise_and_how_to_check_it(client, charter):
    response = client.get(f"{charter.url}engagements/3/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Engagement numéro 3" in text
    assert "Nous nous engageons à tenir la promesse 3." in text
    assert "Comment vérifier qu'il est tenu" in text and "Preuve publique 3." in text
    assert "Concertations qui ont appliqué cet engagement" in text
    assert "Aucune concertation publiée n'a encore déclaré appliquer cet engagement." in text
    html = response.content.decode()
    assert f'href="{charter.url}#engagement-3"' in html
    assert f'href="{charter.url}facile/#engagement-3"' in html


@pytest.mark.parametrize("path", ["engagements/99/", "engagements/0/", "engagements/abc/", "facile/inconnu/"])
def test_unknown_commitment_gives_the_site_404(client, charter, path):
    response = client.get(f"{charter.url}{path}")
    assert response.status_code == 404


def test_commitment_of_another_charter_is_not_found_here(client, charter, home_page_en, translate_page, locales):
    other_home = home_page_en
    CharterPageFactory(parent=other_home, commitments_per_chapter=(5,), slug="charter", title="Charter")
    assert client.get(f"{charter.url}engagements/5/").status_code == 404


def test_engagements_without_number_leads_back_to_the_list(client, charter):
    response = client.get(f"{charter.url}engagements/")
    assert response.status_code == 301
    assert response["Location"] == f"{charter.url}#engagements"


def test_easy_read_version_falls_back_to_the_promise(client, charter):
    response = client.get(f"{charter.url}facile/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Version facile à lire" in text
    assert "La Métropole fait des promesses." in text
    # Commitments 1 and 3 have an easy-read text; 2 has none and shows its plain promise instead.
    assert "Promesse facile 1." in text and "Promesse facile 3." in text
    assert "Nous nous engageons à tenir la promesse 2." in text
    assert "Nous nous engageons à tenir la promesse 1." not in text
    assert "Respecter les autres" in text
    html = response.content.decode()
    assert f'href="{charter.url}"' in html, "the easy-read version links to the full version"
    assert 'id="engagement-2"' in html
    full = client.get(charter.url).content.decode()
    assert f'href="{charter.url}facile/"' in full, "the full version links to the easy-read version"


def test_falc_logo_only_after_a_check_with_readers(client, home_page):
    from site_core.demo import demo_image

    logo = demo_image("Logo FALC test", ["#ffffff", "#1f4e8c"], seed=1, width=120, height=120)
    page = CharterPageFactory(parent=home_page, falc_logo=logo, easy_read_checked=False)
    assert "Logo Facile à lire et à comprendre (FALC)" not in client.get(f"{page.url}facile/").content.decode()
    page.easy_read_checked = True
    page.save_revision().publish()
    html = client.get(f"{page.url}facile/").content.decode()
    assert 'alt="Logo Facile à lire et à comprendre (FALC)"' in html


def test_glossary_terms_are_explained_where_they_appear(client, charter, glossary):
    Commitment.objects.filter(chapter__page=charter, number=1).update(
        promise="Nous annonçons chaque concertation trois semaines avant."
    )
    html = client.get(charter.url).content.decode()
    link = re.search(r'<a class="glossary-link" href="#terme-concertation"[^>]*>concertation</a>', html)
    assert link, "the first mention links to the definition"
    assert 'aria-describedby="terme-concertation-definition"' in link.group(0)
    assert '<dfn id="terme-concertation">concertation</dfn>' in html
    assert '<dd id="terme-concertation-definition">Un temps où la Métropole demande votre avis.</dd>' in html, (
        "the glossary is listed on the charter page"
    )
    assert '<dfn id="terme-indicateur">indicateur</dfn>' in html
    # The commitment page explains the terms it uses, and only those.
    commitment_html = client.get(f"{charter.url}engagements/1/").content.decode()
    assert 'href="#terme-concertation"' in commitment_html
    assert '<dfn id="terme-concertation">concertation</dfn>' in commitment_html
    assert 'id="terme-indicateur"' not in commitment_html


def test_glossary_of_another_language_is_not_used(client, charter, locales):
    from charter_pages.models import GlossaryTerm

    GlossaryTerm.objects.create(term="promesse", definition="A promise.", locale=locales["en"])
    html = client.get(charter.url).content.decode()
    assert "glossary-link" not in html


def test_printable_version_holds_the_whole_contract_and_its_address(settings, charter):
    settings.PACTE_BASE_URL = "https://participation.example.org"
    response = Client(HTTP_HOST="10.0.0.7:8000").get(f"{charter.url}imprimer/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Nous nous engageons à tenir la promesse 3." in text
    assert "Respecter les autres" in text
    assert f"Cette charte est en ligne à l'adresse : https://participation.example.org{charter.url}" in text
    assert "charter-print.css" in response.content.decode()


def test_editions_show_current_and_earlier_ones(client, charter):
    text = visible_text(client.get(charter.url))
    assert "Édition en vigueur : Édition 2021 , adoptée le 28 juin 2021." in text
    assert "Ce qui a changé Cinq axes." in text
    assert "Éditions précédentes Édition 2016 , 2 décembre 2016 Première charte." in text


@pytest.mark.parametrize("route", ["", "facile/", "imprimer/"])
def test_query_count_does_not_grow_with_commitments(
    client, home_page, glossary, route, django_assert_max_num_queries, django_assert_num_queries
):
    from site_core.demo import demo_image

    pictograms = [demo_image(f"Pictogramme {n}", ["#ffffff", "#1f4e8c"], seed=n, width=80, height=80) for n in range(3)]
    small = CharterPageFactory(parent=home_page, commitments_per_chapter=(3, 2), slug="petite", pictograms=pictograms)
    client.get(f"{small.url}{route}")  # warm caches (site root paths, settings) shared by every request
    # The easy-read version also fetches its pictograms' renditions: 17 queries when this was written.
    ceiling = QUERY_BUDGET + 5 if route == "facile/" else QUERY_BUDGET
    with django_assert_max_num_queries(ceiling, info=f"{route or 'charter'} with 5 commitments") as few:
        assert client.get(f"{small.url}{route}").status_code == 200
    few = len(few)  # now: the next request empties the connection's query log
    small.delete()
    large = CharterPageFactory(
        parent=home_page, commitments_per_chapter=(10, 10, 10, 10, 10), slug="grande", pictograms=pictograms
    )
    assert Commitment.objects.filter(chapter__page=large).count() == 50
    client.get(f"{large.url}{route}")
    with django_assert_num_queries(few, info=f"{route or 'charter'} with 50 commitments as with 5"):
        assert client.get(f"{large.url}{route}").status_code == 200
    if route == "facile/":
        assert "Pictogramme 50" in client.get(f"{large.url}{route}").content.decode()


def test_sub_routes_declare_their_own_canonical_address(client, charter):
    easy = client.get(f"{charter.url}facile/").content.decode()
    assert f'<link rel="canonical" href="http://testserver{charter.url}facile/">' in easy
    commitment = client.get(f"{charter.url}engagements/2/").content.decode()
    assert f'<link rel="canonical" href="http://testserver{charter.url}engagements/2/">' in commitment
    assert f'hreflang="fr" href="http://testserver{charter.url}engagements/2/"' in commitment
    printable = client.get(f"{charter.url}imprimer/").content.decode()
    assert f'<link rel="canonical" href="http://testserver{charter.url}">' in printable, "a copy of the charter"


def test_site_search_finds_the_charter_by_a_commitment(client, charter):
    response = client.get("/fr/recherche/", {"q": "promesse"})
    assert charter.title in visible_text(response)


def test_copying_the_charter_gives_an_independent_copy(client, charter, locales):
    other_home = HomePageFactory(title="Autre site", slug="autre", default_site=False)
    copy = charter.copy(to=other_home, update_attrs={"slug": "charte"}, reset_translation_key=True)
    copied = Commitment.objects.filter(chapter__page=copy)
    original = Commitment.objects.filter(chapter__page=charter)
    assert sorted(copied.values_list("number", flat=True)) == [1, 2, 3]
    assert not set(copied.values_list("pk", flat=True)) & set(original.values_list("pk", flat=True))
    assert original.count() == 3, "the original keeps its commitments"

"""The consultation index: newest first, filters alone and combined, bad values, pagination, bounded queries."""

import datetime

import pytest
import time_machine
from django.utils import translation

from consultations.models import ConsultationIndexPage, Territory
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory
from tests.utils import QUERY_BUDGET, visible_text

TODAY = "2026-06-15 12:00 +02:00"


def d(year, month, day):
    return datetime.date(year, month, day)


@pytest.fixture
def catalogue(index_page, territory):
    """Four consultations, one per status, over two years, with themes and territories."""
    other = Territory.objects.create(name="Les Hauts-Prés", slug="les-hauts-pres", locale=territory.locale)
    with time_machine.travel(TODAY, tick=False):
        upcoming = ConsultationPageFactory(
            parent=index_page, slug="berges", phases=[(d(2026, 9, 1), d(2026, 10, 1))], title="Berges du canal"
        )
        upcoming.themes.add("environnement")
        upcoming.territories.add(territory)
        opened = ConsultationPageFactory(
            parent=index_page, slug="plan-marche", phases=[(d(2026, 6, 1), d(2026, 7, 1))], title="Plan marche"
        )
        opened.themes.add("marche", "mobilité")
        opened.territories.add(territory, other)
        analysis = ConsultationPageFactory(
            parent=index_page, slug="aires-de-jeux", phases=[(d(2026, 2, 1), d(2026, 3, 1))], title="Aires de jeux"
        )
        analysis.themes.add("jeunesse")
        analysis.territories.add(other)
        reported = ConsultationPageFactory(
            parent=index_page,
            slug="velo",
            phases=[(d(2025, 3, 1), d(2025, 5, 1))],
            answer_due_date=d(2025, 10, 1),
            title="Réseau express vélo",
        )
        reported.themes.add("mobilité", "vélo")
        for page in (upcoming, opened, analysis, reported):
            page.save_revision().publish()
        ConsultationReportPageFactory(parent=reported)
    return index_page


def listing(client, index, query=""):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(index.url + query)
    assert response.status_code == 200
    return visible_text(response)


def titles(text):
    names = ["Berges du canal", "Plan marche", "Aires de jeux", "Réseau express vélo"]
    return [name for name in names if name in text]


def test_newest_first_with_status_as_text_and_count_announced(client, catalogue):
    response_html = None
    with time_machine.travel(TODAY, tick=False):
        response_html = client.get(catalogue.url).content.decode()
    text = listing(client, catalogue)
    assert "4 concertations trouvées" in text
    assert 'role="status"' in response_html
    positions = [
        text.index(name) for name in ["Berges du canal", "Plan marche", "Aires de jeux", "Réseau express vélo"]
    ]
    assert positions == sorted(positions)
    for word in ["À venir", "Ouverte", "En analyse", "Bilan publié"]:
        assert word in text
    assert text.count("Ce que vous pouvez changer Les itinéraires prioritaires.") == 4
    assert f'<a href="{catalogue.url}velo/bilan/">Lire le bilan de « Réseau express vélo »</a>' in response_html
    assert "(4 résultats)" in response_html.split("</title>")[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=upcoming", ["Berges du canal"]),
        ("?status=open", ["Plan marche"]),
        ("?status=analysis", ["Aires de jeux"]),
        ("?status=report", ["Réseau express vélo"]),
        ("?theme=mobilit%C3%A9", ["Plan marche", "Réseau express vélo"]),
        ("?territory=les-hauts-pres", ["Plan marche", "Aires de jeux"]),
        ("?year=2025", ["Réseau express vélo"]),
    ],
)
def test_each_filter_alone(client, catalogue, query, expected):
    text = listing(client, catalogue, query)
    assert titles(text.split("trouvée")[-1]) == expected


def test_filters_combine(client, catalogue):
    text = listing(client, catalogue, "?theme=mobilit%C3%A9&territory=val-de-marque&year=2026&status=open")
    assert titles(text.split("trouvée")[-1]) == ["Plan marche"]
    assert "1 concertation trouvée" in text
    text = listing(client, catalogue, "?theme=mobilit%C3%A9&status=upcoming")
    assert "0 concertation trouvée" in text
    assert "Aucune concertation ne correspond" in text


def test_the_form_keeps_the_chosen_filters_and_works_without_javascript(client, catalogue):
    with time_machine.travel(TODAY, tick=False):
        html = client.get(catalogue.url + "?status=open&theme=marche").content.decode()
    assert '<form method="get"' in html
    assert '<option value="open" selected>' in html
    assert '<option value="marche" selected>' in html
    assert '<label for="filter-territory">' in html


@pytest.mark.parametrize(
    "query",
    [
        "?status=ferme",
        "?theme=inconnu",
        "?territory=atlantide",
        "?year=20x6",
        "?year=1999",
        "?page=abc",
        "?page=999",
        "?status=%00%ff",
    ],
)
def test_bad_values_are_ignored_with_a_notice(client, catalogue, query):
    text = listing(client, catalogue, query)
    assert "4 concertations trouvées" in text
    assert "ignoré" in text or "page la plus proche" in text


def test_pagination_keeps_the_filters(client, index_page):
    with time_machine.travel(TODAY, tick=False):
        for number in range(12):
            page = ConsultationPageFactory(
                parent=index_page,
                slug=f"concertation-{number:02d}",
                phases=[(d(2026, 1, 1) + datetime.timedelta(days=number), d(2026, 12, 1))],
            )
            page.themes.add("marche")
            page.save_revision().publish()
        first = client.get(index_page.url + "?theme=marche").content.decode()
        second = client.get(index_page.url + "?theme=marche&page=2").content.decode()
    assert "12 concertations trouvées" in visible_text_of(first)
    assert "Page 1 sur 2" in visible_text_of(first)
    assert "?theme=marche&amp;page=2" in first
    assert visible_text_of(second).count("Concertation 0") == 2  # the two oldest, on page 2
    assert "Concertation 00" in visible_text_of(second)


def visible_text_of(html):
    class Response:
        content = html.encode()

    return visible_text(Response)


def test_query_count_does_not_grow_with_consultations(
    client, index_page, territory, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        page = ConsultationPageFactory(parent=index_page, slug=f"c-{number}", phases=[(d(2026, 1, 1), d(2026, 12, 1))])
        page.themes.add("marche", "mobilité")
        page.territories.add(territory)
        page.save_revision().publish()

    with time_machine.travel(TODAY, tick=False):
        for number in range(5):
            add(number)
        client.get(index_page.url)  # warm the site-wide caches (site roots, menus), emptied by each publication
        with django_assert_max_num_queries(QUERY_BUDGET, info="index filtered, 5 consultations") as with_5:
            assert client.get(index_page.url + "?theme=marche").status_code == 200
        with_5 = len(with_5)  # now: the next request empties the connection's query log
        for number in range(5, 100):
            add(number)
        client.get(index_page.url)
        with django_assert_num_queries(with_5, info="index filtered, 100 consultations as with 5"):
            assert client.get(index_page.url + "?theme=marche").status_code == 200


def test_the_english_list_shows_the_consultations_not_yet_translated_marked(
    client, home_page, home_page_en, index_page, translate_page, locales
):
    translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
    phases = [(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    translated = ConsultationPageFactory(parent=index_page, title="Plan vélo", slug="plan-velo", phases=phases)
    translate_page(translated, locales["en"], title="Cycling plan", slug="cycling-plan")
    ConsultationPageFactory(parent=index_page, title="Berges du canal", slug="berges", phases=phases)

    response = client.get("/en/consultations/")
    html = response.content.decode()
    assert "2 consultations found" in visible_text(response)
    assert ">Cycling plan</a>" in html and "Plan vélo" not in html
    assert '<a href="/fr/concertations/berges/" hreflang="fr"><span lang="fr">Berges du canal</span></a>' in html
    assert "Not yet translated: shown in its original language, French." in visible_text(response)
    # The French list: both, in French, none marked.
    french = client.get("/fr/concertations/")
    assert "2 concertations trouvées" in visible_text(french)
    assert "hreflang=" not in french.content.decode().split('class="consultation-card"')[1]


def test_the_list_of_a_language_counts_every_consultation_once(index_page, home_page_en, translate_page, locales):
    english_index = translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
    phases = [(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    for number in range(3):
        page = ConsultationPageFactory(parent=index_page, slug=f"c{number}", phases=phases)
        if number:
            translate_page(page, locales["en"], slug=f"e{number}")
    with translation.override("en"):
        shown = ConsultationIndexPage.objects.get(pk=english_index.pk).shown_consultations()
    assert sorted(shown.values()) == ["", "", "fr"]

"""The site search finds the records citizens look for (events, commitments, random draws, label awards) as results
of their own kind, each linking to its own public address, in the reader's language; never anything of a draft or
private page. Issue 18, item 3."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from consultations.label.models import LabelAward
from consultations.models import ConsultationEvent
from tests.factories import (
    CharterPageFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    LabelAwardFactory,
    LabelLevelFactory,
    LabelPageFactory,
    RandomDrawFactory,
    at,
    reported_consultation,
    translate,
)
from tests.utils import visible_text

postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'")


def search(client, query, language="fr", **params):
    with translation.override(language):
        url = reverse("site_core:search")
    return client.get(url, {"q": query, **params})


def results(response):
    """[(kind, title, link)] of the results list, in its order, as a reader meets them."""
    html = response.content.decode()
    found = re.findall(
        r'<p class="search-results__kind">([^<]*)</p>\s*<h2 class="search-results__title"><a href="([^"]*)"[^>]*>'
        r"([^<]*)</a>",
        html,
    )
    return [(kind, title, link) for kind, link, title in found]


def titles_of(response):
    return [title for _kind, title, _link in results(response)]


@pytest.fixture
def index_page(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def walking_plan(index_page):
    return ConsultationPageFactory(
        parent=index_page,
        title="Plan marché à pied",
        slug="plan-marche",
        summary="Rendre la marche à pied plus sûre autour des écoles.",
        events=[
            {
                "title": "Balade exploratoire des écoles",
                "kind": ConsultationEvent.EXPLORATORY_WALK,
                "start": at(2026, 5, 12, 17),
                "end": at(2026, 5, 12, 19),
                "place_name": "Parvis de l'école Jean-Zay",
                "address": "3 rue des Lilas",
                "description": "Un évènement pour repérer les trottoirs trop étroits.",
            }
        ],
    )


@pytest.fixture
def draw(walking_plan):
    return RandomDrawFactory(consultation=walking_plan, title="Tirage au sort des 8 rues pilotes")


@pytest.fixture
def charter(home_page):
    return CharterPageFactory(parent=home_page, commitments_per_chapter=(3, 3))


@pytest.fixture
def label_page(home_page):
    return LabelPageFactory(parent=home_page)


@pytest.fixture
def award(index_page, label_page):
    level = LabelLevelFactory(locale=index_page.locale)
    return LabelAwardFactory(
        consultation=reported_consultation(index_page, slug="plan-velo"), level=level, document_title="Plan vélo"
    )


@pytest.fixture
def hidden(home_page, index_page):
    """A consultation under a view restriction and one saved as a draft, each with an event."""
    private = ConsultationPageFactory(
        parent=index_page,
        slug="interne",
        title="Concertation interne",
        events=[{"title": "Atelier confidentiel", "start": at(2026, 4, 1), "end": at(2026, 4, 1, 20)}],
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = ConsultationPageFactory(
        parent=index_page,
        slug="brouillon",
        title="Concertation brouillon",
        draft=True,
        events=[{"title": "Atelier pas encore annoncé", "start": at(2026, 4, 2), "end": at(2026, 4, 2, 20)}],
    )
    RandomDrawFactory(consultation=private, title="Tirage confidentiel")
    return {"private": private, "draft": draft}


@pytest.mark.sqlite
def test_an_event_is_a_result_of_its_own_linking_to_its_page(client, walking_plan):
    event = walking_plan.events.get()
    found = results(search(client, "balade exploratoire"))
    assert (
        "Événement",
        "Balade exploratoire des écoles",
        f"/fr/concertations/plan-marche/evenements/{event.pk}/",
    ) in found
    # Its consultation is found by it too (the page indexes its events).
    assert ("Concertation", "Plan marché à pied", "/fr/concertations/plan-marche/") in found


@pytest.mark.sqlite
def test_an_event_result_shows_its_date_place_and_consultation(client, walking_plan):
    text = visible_text(search(client, "balade"))
    assert "12 mai 2026 · Parvis de l'école Jean-Zay · Plan marché à pied" in text


@pytest.mark.sqlite
def test_a_draw_is_found_at_its_place_on_its_consultation(client, draw):
    found = results(search(client, "tirage"))
    assert (
        "Tirage au sort",
        "Tirage au sort des 8 rues pilotes",
        f"/fr/concertations/plan-marche/#tirage-{draw.pk}",
    ) in found
    # Its consultation too, by the draw's title (the page indexes its draws as soon as one is made).
    assert ("Concertation", "Plan marché à pied", "/fr/concertations/plan-marche/") in found
    # The anchor is there on the page.
    assert f'id="tirage-{draw.pk}"' in client.get("/fr/concertations/plan-marche/").content.decode()


@pytest.mark.sqlite
@pytest.mark.parametrize("query", ["engagement 6", "6", "Engagement numéro 6"])
def test_a_commitment_is_found_by_its_number_at_its_permanent_address(client, charter, query):
    found = results(search(client, query))
    assert ("Engagement", "6. Engagement numéro 6", "/fr/charte/engagements/6/") in found
    assert not any(title.startswith("5. ") for _kind, title, _link in found)


@pytest.mark.sqlite
def test_a_commitment_is_found_by_its_promise(client, charter):
    found = results(search(client, "promesse 4"))
    assert ("Engagement", "4. Engagement numéro 4", "/fr/charte/engagements/4/") in found


@pytest.mark.sqlite
def test_a_label_award_is_found_at_its_verification_page(client, award):
    found = results(search(client, "plan vélo"))
    assert ("Label citoyen", "Plan vélo", f"/fr/label-citoyen/verifier/{award.code}/") in found
    assert client.get(f"/fr/label-citoyen/verifier/{award.code}/").status_code == 200
    assert "Co-construit · Attribué le 3 novembre 2025" in visible_text(search(client, "plan vélo"))


@pytest.mark.sqlite
def test_a_label_is_found_by_the_words_citizen_label_and_its_code(client, award):
    assert "Plan vélo" in titles_of(search(client, "label citoyen"))
    assert "Plan vélo" in titles_of(search(client, award.code))


@pytest.mark.sqlite
def test_a_withdrawn_label_is_found_and_says_so_since_its_verification_page_is_public(client, award):
    """Decision: the verification page of a withdrawn label stays public, to say it was withdrawn and why; the search
    leads to it, and the result says it is withdrawn."""
    award.status, award.withdrawn_on = LabelAward.WITHDRAWN, award.awarded_on.replace(year=2026)
    award.withdrawal_reason = "Le plan adopté a abandonné le tracé proposé."
    award.full_clean()
    award.save()
    response = search(client, "plan vélo")
    assert ("Label citoyen", "Plan vélo", f"/fr/label-citoyen/verifier/{award.code}/") in results(response)
    assert "Co-construit · Retiré · 3 novembre 2026" in visible_text(response)
    assert "retiré" in visible_text(client.get(f"/fr/label-citoyen/verifier/{award.code}/")).lower()


@pytest.mark.sqlite
def test_no_label_result_without_a_live_label_page(client, award, label_page):
    label_page.unpublish()
    assert not any(kind == "Label citoyen" for kind, _title, _link in results(search(client, "plan vélo")))


@pytest.mark.sqlite
def test_nothing_of_a_private_or_draft_consultation_is_found(client, walking_plan, hidden):
    for query in ("atelier confidentiel", "atelier annoncé", "tirage confidentiel", "interne", "brouillon"):
        response = search(client, query)
        assert results(response) == [], query
        assert "0 résultat" in visible_text(response)


@pytest.mark.sqlite
def test_unpublishing_a_consultation_hides_its_events_and_draws(client, walking_plan, draw):
    assert len(results(search(client, "tirage"))) == 2
    walking_plan.unpublish()
    assert results(search(client, "tirage")) == []
    assert results(search(client, "balade")) == []


@pytest.mark.sqlite
def test_records_are_found_in_english_on_the_english_pages(client, walking_plan, draw, charter, locales, home_page_en):
    index_en = translate(walking_plan.get_parent().specific, locales["en"], title="Consultations")
    plan_en = translate(walking_plan, locales["en"], title="Walking plan", slug="walking-plan")
    plan_en.events.update(title="Exploratory walk around the schools")
    # Saved through the page, as a translator's sync does, so that the index follows.
    for event in plan_en.events.all():
        event.save()
    charter_en = translate(charter, locales["en"], title="Participation charter")
    assert index_en.live and charter_en.live
    event_en = plan_en.events.get()
    found = results(search(client, "exploratory walk", "en"))
    events = [link for kind, title, link in found if (kind, title) == ("Event", "Exploratory walk around the schools")]
    # The event's own page on the English consultation (its route's words are the page's route's, see its model).
    assert len(events) == 1 and events[0].startswith("/en/concertations/walking-plan/")
    assert events[0].endswith(f"/{event_en.pk}/")
    response = client.get(events[0])
    assert response.status_code == 200 and "Exploratory walk around the schools" in visible_text(response)
    # The draw was made on the French page: found on the English page, its title marked as French.
    draw_results = [result for result in results(search(client, "tirage", "en")) if result[0] == "Random draw"]
    assert draw_results == [
        ("Random draw", "Tirage au sort des 8 rues pilotes", f"/en/concertations/walking-plan/#tirage-{draw.pk}")
    ]
    assert 'lang="fr">Tirage au sort des 8 rues pilotes</a>' in search(client, "tirage", "en").content.decode()
    commitments = [result for result in results(search(client, "commitment 6", "en")) if result[0] == "Commitment"]
    assert commitments and commitments[0][1] == "6. Engagement numéro 6" and commitments[0][2].startswith("/en/")
    assert client.get(commitments[0][2]).status_code == 200
    # Nothing French in the French search comes from the English pages, and the reverse.
    assert all(link.startswith("/fr/") for _kind, _title, link in results(search(client, "tirage")))


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("marche", "Plan marché à pied"),
        ("marché", "Plan marché à pied"),
        ("ecoles", "Balade exploratoire des écoles"),
        ("écoles", "Balade exploratoire des écoles"),
        ("evenement", "Balade exploratoire des écoles"),
        ("évènement", "Balade exploratoire des écoles"),
    ],
)
def test_accents_do_not_matter(client, walking_plan, query, expected):
    assert expected in titles_of(search(client, query))


@postgresql_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tirages", "Tirage au sort des 8 rues pilotes"),
        ("marches", "Plan marché à pied"),
        ("marcher", "Plan marché à pied"),
        ("balades", "Balade exploratoire des écoles"),
        ("école", "Balade exploratoire des écoles"),
    ],
)
def test_french_words_are_found_whatever_their_ending_on_postgresql(client, walking_plan, draw, query, expected):
    assert expected in titles_of(search(client, query))


@pytest.mark.sqlite
def test_results_of_every_kind_interleave_and_paginate_with_the_right_count(client, index_page, charter):
    for number in range(8):
        ConsultationPageFactory(
            parent=index_page,
            slug=f"quartier-{number}",
            title=f"Quartier apaisé {number}",
            events=[
                {
                    "title": f"Atelier apaisé {number}",
                    "start": at(2026, 6, 1 + number),
                    "end": at(2026, 6, 1 + number, 20),
                }
            ],
        )
    first = search(client, "apaisé")
    text = visible_text(first)
    assert "16 résultats pour « apaisé »" in text
    assert "Page 1 sur 2" in text
    assert {kind for kind, _title, _link in results(first)} == {"Concertation", "Événement"}
    second = search(client, "apaisé", page=2)
    assert len(results(first)) == 10 and len(results(second)) == 6
    assert not set(titles_of(first)) & set(titles_of(second))


@pytest.mark.sqlite
def test_suggestions_when_nothing_is_found(client, index_page, walking_plan, draw):
    response = search(client, "concertasion")
    text = visible_text(response)
    assert "0 résultat" in text
    assert "Vouliez-vous dire : concertations ?" in text
    assert (
        'href="/fr/recherche/?q=concertations"' in response.content.decode()
        or "q=concertations" in response.content.decode()
    )
    assert "Concertations" in titles_of(response)


@pytest.mark.sqlite
def test_a_truncated_word_gets_a_suggestion_or_is_found(client, walking_plan, draw):
    """ "tirag": PostgreSQL's French stemming finds the draw at once; elsewhere, a suggestion leads to it."""
    response = search(client, "tirag")
    assert "Tirage au sort des 8 rues pilotes" in titles_of(response)
    if "0 résultat" in visible_text(response):
        assert "Vouliez-vous dire : tirage ?" in visible_text(response)


@pytest.mark.sqlite
def test_no_suggestion_for_words_nothing_resembles(client, walking_plan):
    text = visible_text(search(client, "xylophone"))
    assert "0 résultat" in text
    assert "Vouliez-vous dire" not in text


@pytest.mark.sqlite
def test_the_search_page_has_one_search_landmark(client, walking_plan):
    html = search(client, "marche").content.decode()
    assert html.count('role="search"') == 1
    # The skip link "Aller à la recherche" still leads to a search field.
    assert 'href="#site-search"' in html and 'id="site-search"' in html
    # Other pages keep the header's form.
    assert client.get("/fr/concertations/plan-marche/").content.decode().count('role="search"') == 1


def queries_for(client, query, **params):
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as captured:
        response = search(client, query, **params)
    assert response.status_code == 200
    return len(captured), len(results(response))


def quiet_street(index_page, number):
    page = ConsultationPageFactory(
        parent=index_page,
        slug=f"rue-{number}",
        title=f"Rue apaisé {number}",
        events=[{"title": f"Réunion apaisé {number}", "start": at(2026, 6, 1), "end": at(2026, 6, 1, 20)}],
    )
    RandomDrawFactory(consultation=page, title=f"Tirage apaisé {number}")


@pytest.mark.sqlite
def test_queries_do_not_grow_with_the_results(client, index_page, charter, award):
    """Measured cold (caches emptied): a page, an event and a draw found, then nine of each."""
    quiet_street(index_page, 0)
    few, shown = queries_for(client, "apaisé")
    assert shown == 3
    for number in range(1, 9):
        quiet_street(index_page, number)
    many, shown = queries_for(client, "apaisé")
    assert shown == 10
    assert many <= few
    assert queries_for(client, "apaisé", page=3)[0] <= few


@postgresql_only
def test_the_postgresql_configuration_stems_french_and_ignores_accents(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('pacte_french', 'Évènements marché écoles tirages')::text")
        assert cursor.fetchone()[0] == "'ecol':3 'even':1 'march':2 'tirag':4"


@postgresql_only
def test_each_language_has_its_stemming_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('pacte_english', 'Walking schools')::text")
        assert cursor.fetchone()[0] == "'school':2 'walk':1"
        cursor.execute("SELECT to_tsvector('pacte_dutch', 'Wandelingen café')::text")
        assert cursor.fetchone()[0] == "'caf':2 'wandel':1"


@postgresql_only
def test_english_pages_are_found_with_english_stemming(client, walking_plan, locales, home_page_en):
    translate(walking_plan.get_parent().specific, locales["en"], title="Consultations")
    translate(walking_plan, locales["en"], title="Safer walking routes", slug="walking-plan")
    assert "Safer walking routes" in titles_of(search(client, "walks", "en"))
    assert "Safer walking routes" in titles_of(search(client, "route", "en"))
    assert "Safer walking routes" not in titles_of(search(client, "walks"))


@postgresql_only
def test_the_configuration_migration_runs_again_over_what_it_made(db):
    """The extension and configurations already there (a DBA made them, or a second run): nothing fails."""
    import importlib

    migration = importlib.import_module("site_core.migrations.0009_search_configuration")
    with connection.schema_editor() as schema_editor:
        migration.create_configuration(None, schema_editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'pacte_%' ORDER BY cfgname")
        assert [row[0] for row in cursor.fetchall()] == ["pacte_dutch", "pacte_english", "pacte_french"]

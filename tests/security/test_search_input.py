"""Whatever a visitor types into search, the answer is a normal page: the results, or a message that says what to
type, with the words typed kept in the field. Run on PostgreSQL and, through the `sqlite` marker (the Makefile's
second pytest run), on SQLite, the `make run` default, whose FTS5 backend has a query syntax of its own."""

import os

import pytest
from django.db import connection
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.search.backends import get_search_backend

from site_core.views import SEARCH_QUERY_MAX_LENGTH
from tests.factories import StandardPageFactory
from tests.utils import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

SEARCH = settings(
    max_examples=int(os.environ.get("PACTE_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The search backend Wagtail picks for each database: the test must exercise the real full-text engine.
BACKENDS = {"postgresql": "PostgresSearchBackend", "sqlite": "SQLiteSearchBackend"}

# Query syntax of FTS5 (SQLite), tsquery (PostgreSQL) and the usual search-box habits.
OPERATORS = ['"', '""', "'", "*", "-", "+", "^", ":", "(", ")", "{", "}", "&", "|", "!", "~", "<->", "\\", "%", "_"]
OPERATOR_WORDS = ["AND", "OR", "NOT", "NEAR", "NEAR(", "title:", "body:", "{title body}:"]
noise = st.lists(st.sampled_from(OPERATORS + [" "]), max_size=6).map("".join)
typed = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.lists(st.sampled_from(OPERATORS + OPERATOR_WORDS + ["budget", "é", " ", "\x00"]), max_size=20).map("".join),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(["x" * 10_000, '"' * 10_000, "budget " * 1500, "\x00" * 10_000, "🙂" * 2500]),
)


@pytest.fixture
def budget_page(home_page):
    return StandardPageFactory(parent=home_page, title="Budget participatif", slug="budget", introduction="Votez.")


def search(client, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200, repr(query)
    return response


def test_the_search_runs_on_the_full_text_backend_of_the_database_in_use(db):
    assert type(get_search_backend()).__name__ == BACKENDS[connection.vendor]


@SEARCH
@given(query=typed)
@example(query='"')
@example(query="a\x00b")
def test_any_text_typed_gives_a_page_that_answers_and_keeps_it(client, budget_page, query):
    response = search(client, query)
    text = visible_text(response)
    answers = ("résultat pour « ", "résultats pour « ", "ne contient aucun mot à chercher", "Saisissez un ou plusieurs")
    assert any(answer in text for answer in answers), text
    # Words typed as a reader would type them stay in the field, exactly.
    if query.isprintable() and query == " ".join(query.split()) and len(query) <= SEARCH_QUERY_MAX_LENGTH:
        assert f'name="q" value="{escape(query)}"' in response.content.decode()


@SEARCH
@given(before=noise, after=noise)
@example(before='"', after="")
@example(before="(", after=")*")
@example(before="", after='"*')
def test_a_word_wrapped_in_query_syntax_is_still_found(client, budget_page, before, after):
    text = visible_text(search(client, f"{before}budget{after}"))
    assert "1 résultat pour « " in text and "Budget participatif" in text


@pytest.mark.parametrize(
    "query", ['"', '""', "*", "-", "^", ":", "()", "&|!", "🙂"], ids=lambda query: query.encode().hex()
)
def test_a_search_without_any_word_says_what_to_type(client, budget_page, query):
    text = visible_text(search(client, query))
    assert f"« {query} » ne contient aucun mot à chercher : saisissez des mots faits de lettres ou de chiffres." in text
    assert "Budget participatif" not in text


@pytest.mark.parametrize(
    "query",
    [
        'budget "participatif',
        '"budget participatif"',
        "^budget",
        "budget*",
        "-budget",
        "+budget -participatif",
        "(budget)",
        "budget & participatif | !",
    ],
)
def test_query_syntax_is_ignored_and_the_words_are_searched(client, budget_page, query):
    text = visible_text(search(client, query))
    assert "Budget participatif" in text


@pytest.mark.parametrize("query", ["budget NOT vote", "budget OR vote", "NEAR(budget participatif)", "title:budget"])
def test_operator_words_never_act_as_operators(client, budget_page, query):
    """Read as operators, each of these would find the page; read as words (or dropped as stop words), the page
    lacks one of them."""
    text = visible_text(search(client, query))
    assert "0 résultat pour « " in text
    assert "Aucun résultat. Vérifiez l'orthographe" in text


def test_a_search_of_ten_kilobytes_is_cut_and_still_answers(client, budget_page):
    text = visible_text(search(client, "budget " * 1500))
    assert "seuls ses 200 premiers caractères ont été pris en compte" in text
    assert "Budget participatif" in text


def test_the_message_for_a_search_without_words_is_translated(client, budget_page):
    english = client.get("/en/search/", {"q": '"'})
    dutch = client.get("/nl/zoeken/", {"q": '"'})
    assert '“"” holds no word to look for' in visible_text(english)
    assert '“"” bevat geen woord om naar te zoeken' in visible_text(dutch)

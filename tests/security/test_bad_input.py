"""Random and hostile values in query strings and path segments never give a server error, and are answered
quickly; the public forms keep what was typed and name the field in error."""

import os
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.fuzz_targets import PATH_TARGETS, QUERY_TARGETS
from tests.utils import visible_text

pytestmark = pytest.mark.django_db

# However odd the input, a page costs a bounded number of queries: input that made the site work per character or
# per repeated parameter would show here, whatever the machine's speed (timings are make bench's job, not a test's).
MAX_QUERIES = 40
# Several hundred requests in all: enough variety to find a crash, quick enough for every CI run. Search deeper
# now and then with PACTE_FUZZ_EXAMPLES=500.
FUZZ = settings(
    max_examples=int(os.environ.get("PACTE_FUZZ_EXAMPLES", "30")),
    deadline=None,  # timing is asserted per request below, with a bound that ignores Hypothesis's overhead
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "\x00",
    "a\x00b",
    "\u202e\u200b",
    "²",
    "١٢٣",
    "٣",
    "Ⅻ",
    "9" * 5000,
    "-1",
    "0",
    "1e309",
    "NaN",
    "   ",
    "\t\r\n",
    "🙂" * 60,
    "é" * 3000,
    "x" * 20000,
]
# Raw percent sequences, sent without being encoded again: broken, overlong or control-character escapes.
RAW_PERCENT = ["%", "%%", "%zz", "%00", "%0a%0d", "%C0%AF", "%ff%fe", "%E2%80%AE", "%2e%2e%2f", "%25%32%65", "%u0041"]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**400).map(str),
    st.lists(st.sampled_from(RAW_PERCENT + ["1", "a", "é"]), max_size=8).map("".join),
)


def bounded_get(client, path, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **kwargs)
    assert response.status_code < 500, f"{response.status_code} for {path!r} {kwargs!r}"
    assert len(queries) <= MAX_QUERIES, f"{len(queries)} queries for {path!r} {kwargs!r}"
    return response


@pytest.mark.parametrize("name,address,params", QUERY_TARGETS, ids=[target[0] for target in QUERY_TARGETS])
@FUZZ
@given(data=st.data())
def test_hostile_query_strings_never_break_a_public_page(client, public_site, name, address, params, data):
    path = address(public_site)
    param = data.draw(st.sampled_from(params))
    value = data.draw(values)
    if data.draw(st.booleans()):
        bounded_get(client, path, data={param: value})
    else:
        # As typed in an address bar: percent sequences reach the server undecoded, with their neighbours.
        raw = quote(value, safe="%")
        bounded_get(client, f"{path}?{param}={raw}&{param}={raw}&page={raw}")


@pytest.mark.parametrize("name,address,suffix", PATH_TARGETS, ids=[target[0] for target in PATH_TARGETS])
@FUZZ
@given(segment=values)
def test_hostile_path_segments_never_break_the_site(client, public_site, name, address, suffix, segment):
    prefix = address(public_site)
    bounded_get(client, prefix + quote(segment, safe="") + suffix)
    bounded_get(client, prefix + quote(segment, safe="%") + suffix)


@pytest.mark.parametrize(
    "value", ["²", "٣", "9" * 5000, "0", "-3", "99999999999999999999", "1.0"], ids=lambda value: value[:12]
)
def test_the_consultation_index_treats_any_page_number_as_a_notice(client, public_site, value):
    response = bounded_get(client, public_site.index.url, data={"page": value})
    assert response.status_code == 200
    assert "Zéphyr public" in visible_text(response)
    assert "n'est pas une page de ces résultats" in visible_text(response)


@pytest.mark.parametrize("number", ["0", "99999999999999999999999999999", "9" * 300])
def test_a_commitment_number_out_of_range_is_not_found(client, public_site, number):
    assert bounded_get(client, public_site.charter.url + f"engagements/{number}/").status_code == 404


# Public forms keep what was typed and name the field in error ---------------------------------------------


def test_search_keeps_the_words_typed(client, public_site):
    response = client.get("/fr/recherche/", {"q": "Zéphyr <b>gras</b>"})
    html = response.content.decode()
    assert 'value="Zéphyr &lt;b&gt;gras&lt;/b&gt;"' in html
    assert "<b>gras</b>" not in html


def test_sign_in_keeps_the_user_name_and_says_what_is_wrong(client, public_site):
    response = client.post("/fr/connexion/", {"username": "agent.inconnu", "password": "mauvais"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="agent.inconnu"' in html
    assert "nom d’utilisateur" in visible_text(response).lower() or "identifiant" in visible_text(response).lower()
    response = client.post("/fr/connexion/", {"username": "agent.inconnu", "password": ""})
    assert 'value="agent.inconnu"' in response.content.decode()
    assert 'id="id_password-error"' in response.content.decode()


def test_the_consultation_filters_keep_valid_choices_and_name_the_ignored_one(client, public_site):
    response = client.get(public_site.index.url, {"theme": "mobilité", "territory": "<nulle-part>", "year": "20x6"})
    html = response.content.decode()
    text = visible_text(response)
    assert '<option value="mobilité" selected>' in html
    assert "« <nulle-part> » n'est pas un territoire connu : filtre ignoré." in text
    assert "« 20x6 » n'est pas une année de concertations : filtre ignoré." in text
    assert "<nulle-part>" not in html  # shown escaped, never as markup


def test_attestation_check_keeps_the_code_typed_and_names_the_field(client, public_site):
    response = client.get(public_site.verification.url, {"code": "pas-un-code"})
    html = response.content.decode()
    assert 'value="pas-un-code"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="verification-code-error"' in html

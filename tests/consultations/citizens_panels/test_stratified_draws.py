"""The stratified draw (sha256-rank-strata-v1): quotas met exactly when the pool allows, a short stratum named,
reserves in order, seats from shares that always add up, and the record frozen once published."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from consultations import draws
from consultations.citizens_panels.models import parse_criteria
from consultations.models import RandomDraw

STRATA = ["16-29 | F", "16-29 | H", "30+ | F", "30+ | H"]


@settings(max_examples=200, deadline=None)
@given(
    pool=st.lists(st.sampled_from(STRATA), min_size=1, max_size=60),
    seats=st.lists(st.integers(min_value=0, max_value=8), min_size=4, max_size=4),
    seed=st.text(min_size=1, max_size=20),
)
def test_each_stratum_gets_its_seats_or_everyone_it_has(pool, seats, seed):
    entries = [draws.panel_entry(f"V-{n:04d}", stratum.split(" | ")) for n, stratum in enumerate(pool, 1)]
    quotas = [[stratum, count] for stratum, count in zip(STRATA, seats, strict=True)]
    strata, panel = draws.draw_panel(entries, quotas, seed)
    ranking = sorted(entries, key=lambda entry: draws.rank_key(seed, entry))
    for row in strata:
        members = [entry for entry in ranking if draws.stratum_of(entry) == row["stratum"]]
        assert row["available"] == len(members)
        assert row["drawn"] == members[: row["seats"]], "the stratum's first people in the one ranking"
        assert row["reserves"] == members[row["seats"] :], "then its reserves, in the same order"
        assert len(row["drawn"]) == min(row["seats"], len(members))
    assert len(panel) == draws.drawable_count(entries, quotas) == sum(len(row["drawn"]) for row in strata)
    assert panel == [entry for entry in ranking if entry in set(panel)], "the panel in draw order"


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any),
    seats=st.integers(min_value=0, max_value=200),
)
def test_seats_from_shares_add_up_and_stay_within_one_of_the_exact_share(weights, seats):
    shares = [(f"s{index}", weight) for index, weight in enumerate(weights)]
    given_seats = draws.targets_from_shares(shares, seats)
    assert sum(count for _, count in given_seats) == seats
    total = sum(weights)
    for (_, weight), (_, count) in zip(shares, given_seats, strict=True):
        exact = weight * seats / total
        assert int(exact) <= count <= int(exact) + 1


def test_the_largest_remainder_gives_the_leftover_seats_to_the_largest_fractions():
    # 24 seats over 3 strata weighted 50, 30, 20: 12, 7.2, 4.8 → 12, 7, 5.
    assert draws.targets_from_shares([("a", 50), ("b", 30), ("c", 20)], 24) == [["a", 12], ["b", 7], ["c", 5]]


def test_the_panel_s_criteria_give_its_strata_and_their_seats(panel):
    quotas = panel.quotas()
    assert len(quotas) == 8 and sum(seats for _, seats in quotas) == 24
    assert quotas[0] == ["16-29 ans | Femme", 3]
    assert all(seats == 3 for _, seats in quotas), "the shares of the demo's case give 3 seats to every stratum"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Âge 16-29, 30-44", "Ligne 1 : écrivez le critère, deux-points"),
        ("Âge : 16-29 (40), 30-44", "Ligne 1 : donnez une part à chaque valeur"),
        ("Âge : 16-29, 30-44\nGenre : F,, H", "Ligne 2 : une valeur est vide"),
        ("Âge : 16-29, 16-29", "Ligne 1 : une valeur est donnée deux fois"),
        ("", "Donnez au moins un critère."),
    ],
)
def test_criteria_an_editor_mistypes_are_refused_naming_the_line(text, message):
    with pytest.raises(ValidationError) as error:
        parse_criteria(text)
    assert message in error.value.messages[0]


def stratified(consultation, entries, quotas, seed="1-2-3"):
    record = RandomDraw.publish_list(
        consultation,
        title="Panel",
        method="Lettres.",
        items=entries,
        count=0,
        seed_source="Dés.",
        published_at=timezone.now() - datetime.timedelta(days=2),
        criteria=["Âge", "Genre"],
        quotas=quotas,
    )
    return record.perform(seed) if seed else record


def test_a_short_stratum_is_known_when_the_list_is_published_and_named_on_the_record(consultation):
    entries = [draws.panel_entry(f"V-{n:04d}", ["16-29", "H"]) for n in range(1, 3)]
    entries += [draws.panel_entry(f"V-{n:04d}", ["16-29", "F"]) for n in range(3, 10)]
    record = stratified(consultation, entries, [["16-29 | F", 3], ["16-29 | H", 3]], seed=None)
    assert record.algorithm == "sha256-rank-strata-v1"
    assert record.count == 5 and record.seats == 6, "two men for three seats: five drawn, known before the seed"
    assert [(row["stratum"], row["short"]) for row in record.short_strata] == [("16-29 | H", 1)]
    assert record.quotas_fingerprint == hashlib.sha256(b"16-29 | F | 3\n16-29 | H | 3\n").hexdigest()


def test_a_stratified_draw_is_verified_and_its_quotas_frozen(consultation):
    entries = [draws.panel_entry(f"V-{n:04d}", ["16-29", "F" if n % 2 else "H"]) for n in range(1, 21)]
    record = stratified(consultation, entries, [["16-29 | F", 4], ["16-29 | H", 2]])
    assert record.is_verified and len(record.result) == 6
    record.quotas = [["16-29 | F", 5], ["16-29 | H", 1]]
    with pytest.raises(ValidationError):
        record.save()
    record.refresh_from_db()
    record.quotas_fingerprint = "0" * 64
    assert not record.is_verified, "quotas that no longer match their fingerprint"


def test_a_line_without_a_stratum_or_a_quota_given_twice_is_refused(consultation):
    with pytest.raises(ValidationError, match="n'a pas de strate"):
        stratified(consultation, ["V-0001 | 16-29 | F", "V-0002"], [["16-29 | F", 1]], seed=None)
    with pytest.raises(ValidationError, match="qu'une ligne de quotas"):
        stratified(consultation, ["V-0001 | 16-29 | F"], [["16-29 | F", 1], ["16-29 | F", 1]], seed=None)

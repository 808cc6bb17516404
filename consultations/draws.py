"""The random-draw algorithm, in one place: the model, the admin, the `random_draw` command and the page all use it,
and docs/draw-replay.md gives the same steps as a script anyone can run (tests/consultations/test_draw_replay.py
runs that script against what the page publishes).

sha256-rank-v1, commit then reveal:
1. The list is published first, as a text file: one entry a line, UTF-8, each line ended by a line feed. Its
   SHA-256 (what `sha256sum` prints) is the list's fingerprint, published with its date before the draw.
2. The seed is a public value fixed after that date, outside the authority's control (dice thrown at the
   session, a lottery result), typed exactly as announced.
3. Each entry gets the SHA-256 of "<seed>, a line feed, <entry>" (UTF-8, hexadecimal); entries are sorted by that
   value, ascending (equal entries keep their order in the list); the first `count` are drawn.
"""

import functools
import hashlib
from collections import Counter
from pathlib import Path

ALGORITHM = "sha256-rank-v1"


def normalise_items(items):
    """The list drawn from: one entry per line, inner spaces collapsed (so no entry holds a line feed), surrounding
    spaces removed, empty lines dropped, order kept."""
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def normalise_seed(seed):
    """The seed as it is published and used: one line, spaces collapsed (what people read aloud and copy)."""
    return " ".join(str(seed or "").split())


def entries_file(entries):
    """The published file: each entry followed by a line feed, in UTF-8."""
    return "".join(f"{entry}\n" for entry in entries).encode("utf-8")


def read_entries_file(data):
    """The entries of a published file (the inverse of entries_file)."""
    text = data.decode("utf-8")
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def fingerprint(entries):
    """SHA-256 of the published file, as `sha256sum` prints it."""
    return hashlib.sha256(entries_file(entries)).hexdigest()


def former_fingerprint(entries):
    """What draws made before commit-then-reveal recorded: the entries joined by line feeds, no final one."""
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()


def rank_key(seed, entry):
    return hashlib.sha256(f"{seed}\n{entry}".encode()).hexdigest()


def draw(entries, count, seed):
    """The first `count` entries ranked by rank_key (Python's sort is stable: equal keys keep the list's order)."""
    return sorted(entries, key=lambda entry: rank_key(seed, entry))[:count]


def ranked(entries, seed):
    """Every entry with its position in the list and its key, in draw order, for people who check by hand."""
    rows = [
        {"position": position, "item": entry, "key": rank_key(seed, entry)} for position, entry in enumerate(entries, 1)
    ]
    return sorted(rows, key=lambda row: row["key"])


REPLAY_SCRIPT = Path(__file__).parent / "static" / "consultations" / "replay_draw.py"


@functools.cache
def replay_script():
    """The reference script the page shows and offers (docs/draw-replay.md quotes it; a test runs that quote)."""
    return REPLAY_SCRIPT.read_text(encoding="utf-8")


# Stratified draws (citizens' panels) -------------------------------------------------------------------------
# sha256-rank-strata-v1, the same commitment and seed, two published files:
# 1. The entries file: one person a line, "<pseudonymous number> | <value of criterion 1> | <value of criterion 2>…"
#    (no name, no contact: only the number and the stratum). Its SHA-256 is its fingerprint.
# 2. The quotas file: one stratum a line, "<value of criterion 1> | … | <seats>", in the order the strata are
#    filled. Its SHA-256 is the quotas' fingerprint; both are published before the draw.
# 3. Every entry is ranked exactly as in sha256-rank-v1 (SHA-256 of "<seed>, a line feed, <entry>", ascending).
#    Walking that one ranking, each stratum takes its first `seats` entries: they are the panel; the stratum's
#    next entries, in the same order, are its reserves, called in turn when a member withdraws. A stratum with
#    fewer people than seats takes all of them and is published as short by the difference.

STRATIFIED_ALGORITHM = "sha256-rank-strata-v1"
SEPARATOR = " | "


def panel_entry(number, values):
    """One person's line of the entries file: the pseudonymous number, then the stratum's values."""
    return SEPARATOR.join([clean_value(number), *(clean_value(value) for value in values)])


def clean_value(value):
    """A value as the files carry it: one line, spaces collapsed, no separator inside (a "|" becomes "/")."""
    return " ".join(str(value).replace("|", "/").split())


def stratum_of(entry):
    """The stratum of an entries file's line: its values after the number, as the quotas file writes them."""
    return entry.split(SEPARATOR, 1)[1] if SEPARATOR in entry else ""


def quotas_file(quotas):
    """The published quotas: each [stratum, seats] as "<stratum> | <seats>" and a line feed, in UTF-8."""
    return "".join(f"{stratum}{SEPARATOR}{seats}\n" for stratum, seats in quotas).encode("utf-8")


def quotas_fingerprint(quotas):
    return hashlib.sha256(quotas_file(quotas)).hexdigest()


def targets_from_shares(shares, seats):
    """Seats per stratum from target shares (any positive weights: percentages, census counts), by the largest
    remainder method: each stratum gets the whole part of its exact share of `seats`, and the seats left go to the
    largest fractional parts (ties to the stratum listed first). The seats always add up to `seats`.
    `shares`: [(stratum, weight)], in order. Returns [[stratum, seats]] in the same order."""
    total = sum(weight for _, weight in shares)
    if total <= 0 or seats < 0:
        raise ValueError("shares must add up to more than zero")
    exact = [(stratum, weight * seats / total) for stratum, weight in shares]
    given = [[stratum, int(value)] for stratum, value in exact]
    left = seats - sum(count for _, count in given)
    by_remainder = sorted(range(len(exact)), key=lambda index: (-(exact[index][1] - int(exact[index][1])), index))
    for index in by_remainder[:left]:
        given[index][1] += 1
    return given


def draw_panel(entries, quotas, seed):
    """The stratified draw: [{"stratum", "seats", "available", "drawn", "reserves"}] in the quotas' order, and the
    panel (every drawn entry in draw order). Entries of a stratum without quota are never drawn."""
    ranked_entries = sorted(entries, key=lambda entry: rank_key(seed, entry))
    by_stratum = {}
    for entry in ranked_entries:
        by_stratum.setdefault(stratum_of(entry), []).append(entry)
    strata = []
    for stratum, seats in quotas:
        members = by_stratum.get(stratum, [])
        strata.append(
            {
                "stratum": stratum,
                "seats": seats,
                "available": len(members),
                "drawn": members[:seats],
                "reserves": members[seats:],
            }
        )
    chosen = {entry for row in strata for entry in row["drawn"]}
    return strata, [entry for entry in ranked_entries if entry in chosen]


def drawable_count(entries, quotas):
    """How many people the quotas can seat from `entries`: each stratum's seats, or fewer if it has fewer people.
    Known when the list is published, before the seed: a short stratum is announced, never discovered at the draw."""
    available = Counter(stratum_of(entry) for entry in entries)
    return sum(min(seats, available.get(stratum, 0)) for stratum, seats in quotas)


REPLAY_PANEL_SCRIPT = Path(__file__).parent / "static" / "consultations" / "replay_panel.py"


@functools.cache
def replay_panel_script():
    """The reference script of stratified draws (docs/draw-replay.md quotes it; a test runs that quote)."""
    return REPLAY_PANEL_SCRIPT.read_text(encoding="utf-8")


def panel_number(entry):
    """The pseudonymous number of an entries file's line."""
    return entry.split(SEPARATOR, 1)[0]

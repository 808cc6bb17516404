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

"""Message ids run one way: English in code and templates, French and Dutch as translations in the catalogues."""

import re

import polib
import pytest
from django.conf import settings

APPS = ("site_core", "charter_pages", "consultations", "training")
CATALOGUES = sorted(path for app in APPS for path in (settings.BASE_DIR / app / "locale").glob("*/LC_MESSAGES/*.po"))

# Words that carry most French sentences and are not English words. Two of them in one msgid, or one next to a
# letter only French writes, is French prose; a single "des" inside a French institution's name is not.
FRENCH_WORDS = {
    "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et", "être", "il",
    "la", "le", "les", "leur", "leurs", "ne", "nous", "ou", "où", "par", "pas", "plusieurs", "pour", "qui", "que",
    "sans", "ses", "si", "son", "sont", "sur", "un", "une", "votre", "vous",
}  # fmt: skip
FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôœùûÀÂÇÉÈÊÎÔŒÙÛ]")
# French typography (guillemets, a space before a colon or semicolon) or an elision ("l'image", "qu'il").
FRENCH_PUNCTUATION = re.compile(r"[«»]|\s[:;]|(?<!\w)(?:[cdjlmnst]|qu)['’]\w", re.IGNORECASE)
# French names that English text keeps as they are.
PROPER_NAMES = ("Défenseur des droits", "Libre réponse", "Métropole", "Hôtel de Ville")


def looks_french(text):
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    french_words = words & FRENCH_WORDS
    return bool(
        len(french_words) >= 2 or FRENCH_PUNCTUATION.search(text) or (FRENCH_LETTERS.search(text) and french_words)
    )


def entries(language=None):
    for path in CATALOGUES:
        if language is None or path.parts[-3] == language:
            for entry in polib.pofile(str(path)):
                yield path.relative_to(settings.BASE_DIR), entry


def translation_of(entry):
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


@pytest.mark.parametrize(
    ("text", "french"),
    [
        ("Laissez vide pour reprendre le titre de la page.", True),
        ("Obligatoire en cas de retrait : pourquoi, en clair.", True),
        ("Par exemple « Mastodon ».", True),
        ("Temps indicatif pour suivre la leçon.", True),
        ("Comptes rendus complets, documents d'analyse, délibération.", True),
        ("Un module à suivre avant celui-ci.", True),
        ("Leave empty to use the page's title.", False),
        ("For example “Mastodon”.", False),
        ("write to the Défenseur des droits with the online form", False),
        ("The page's title; if it isn't set, the slug.", False),
        ("Nearest lines and stops, for example “Metro 1, Hôtel de Ville station”.", False),
    ],
)
def test_the_french_detector_tells_french_from_english(text, french):
    assert looks_french(text) is french


def test_every_catalogue_is_found():
    assert {(path.parts[0], path.parts[-3]) for path in (p.relative_to(settings.BASE_DIR) for p in CATALOGUES)} == {
        (app, language) for app in APPS for language in ("en", "fr", "nl")
    }


def test_no_message_id_is_french():
    french = sorted({f"{path}: {entry.msgid!r}" for path, entry in entries() if looks_french(entry.msgid)})
    assert not french, "French message ids (write the English in code, the French in the fr catalogue):\n" + "\n".join(
        french
    )


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_message_is_translated(language):
    missing = [f"{path}: {entry.msgid!r}" for path, entry in entries(language) if not entry.translated()]
    assert not missing, "\n".join(missing)


def test_dutch_is_a_translation_not_a_copy():
    french = {(path.parts[0], entry.msgctxt, entry.msgid): translation_of(entry) for path, entry in entries("fr")}
    copies = [
        f"{path}: {entry.msgid!r}"
        for path, entry in entries("nl")
        # Short ids ("Participation", "Module", "Date %(date)s") may rightly be the same word in all three.
        if len(entry.msgid.split()) >= 4
        and translation_of(entry) in (entry.msgid, french.get((path.parts[0], entry.msgctxt, entry.msgid)))
    ]
    assert not copies, "\n".join(copies)


def test_english_catalogues_add_nothing_to_the_message_ids():
    """English is the source language: a translation in en/ would mean the msgid is not the English text."""
    translated = [f"{path}: {entry.msgid!r}" for path, entry in entries("en") if entry.msgstr]
    assert not translated, "\n".join(translated)

"""The columns of the contributions spreadsheet and the words its cells accept, shared by writing and reading.

Each column's header is its label in the editor's language followed by a stable machine key in parentheses,
"Référence (reference)": a person reads the label, the import reads the key, so a sheet exported in French imports
in an admin set to English and a header an agent retyped without the key is still recognised by its label.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from consultations.models import Contribution


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    help: str
    width: int = 18
    answer: bool = False  # one of the columns the service fills

    def header(self):
        return f"{self.label} ({self.key})"


COLUMNS = [
    Column(
        "reference",
        _("Reference"),
        _(
            "The contribution's number, given to its author (for example PM-0142). Do not change it: it is how the "
            "import finds the contribution. A reference the consultation does not know adds a new contribution."
        ),
        width=14,
    ),
    Column("channel", _("Channel"), _("How it was made. Accepted: {words}."), width=16),
    Column(
        "event",
        _("Event"),
        _("For a contribution made in person: the title of the consultation's meeting or workshop, or empty."),
        width=24,
    ),
    Column("date", _("Date"), _("The day it was made, written DD/MM/YYYY (for example 15/03/2025)."), width=12),
    Column("title", _("Title"), _("A short title, as the author gave it (200 characters at most)."), width=32),
    Column("text", _("Text"), _("The contribution as written, or a faithful summary of it."), width=60),
    Column("theme", _("Theme"), _("One of the consultation's themes, or empty."), width=16),
    Column("decidim_url", _("Address on Decidim"), _("The proposal's page on Decidim, or empty."), width=30),
    Column(
        "decision",
        _("Decision"),
        _("To fill in. Accepted: {words}. Leave it empty while nothing is decided."),
        width=18,
        answer=True,
    ),
    Column(
        "reason",
        _("Reason"),
        _(
            "To fill in: why, in plain language, for the person who made the proposal. Required for every decision "
            "but “kept”, unless a shared answer gives it; a dash or “n/a” is refused."
        ),
        width=60,
        answer=True,
    ),
    Column(
        "shared_answer",
        _("Shared answer"),
        _(
            "To fill in when one answer serves several contributions: its title, as written in the sheet “{sheet}” "
            "(a new title there, with its text, creates the shared answer)."
        ),
        width=28,
        answer=True,
    ),
]
# In a CSV file (one sheet only) the text of a shared answer travels in a column of its own, repeated on each row
# that names it; in an .xlsx file it is written once, in the sheet of shared answers.
SHARED_TEXT = Column(
    "shared_answer_text",
    _("Text of the shared answer"),
    _("CSV only: the text of the shared answer named in the previous column; the same on every row naming it."),
    width=60,
)
# The sheet of shared answers (.xlsx): a title and its text per row.
SHARED_TITLE = Column("shared_answer", _("Shared answer"), _("The title of the shared answer."), width=40)
SHARED_SHEET_COLUMNS = [SHARED_TITLE, SHARED_TEXT]

BY_KEY = {column.key: column for column in [*COLUMNS, SHARED_TEXT]}
REQUIRED_KEYS = [column.key for column in COLUMNS]
# A new contribution (a reference the consultation does not know yet) must say at least this much.
NEW_ROW_KEYS = ("channel", "date", "title", "text")


def sheet_names():
    """The sheets' names, in the active language."""
    return {
        "contributions": str(_("Contributions")),
        "shared": str(_("Shared answers")),
        "help": str(_("How to use")),
    }


def fold(text):
    """`text` without case, accents, apostrophes or the kind of spaces and dashes a person types in between, so that
    "Encore a l'etude", "encore à l’étude" and "ENCORE_A_L_ETUDE" read the same."""
    text = re.sub(r"[\s'’‘_\-‐–.]+", " ", str(text))
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


def _labels_in_every_language(choices):
    """{folded word: code} for each choice's label in every site language, and its code."""
    words = {}
    for code, label in choices:
        words[fold(code)] = code
        for language, __ in settings.LANGUAGES:
            with translation.override(language):
                words[fold(str(label))] = code
    return words


# Words people write for a decision beside the labels: the masculine forms (a "projet retenu"), plain synonyms.
_DECISION_EXTRAS = {
    "retenu": Contribution.KEPT,
    "adapte": Contribution.ADAPTED,
    "non retenu": Contribution.NOT_KEPT,
    "a l etude": Contribution.UNDER_STUDY,
    "en cours d etude": Contribution.UNDER_STUDY,
}
_CHANNEL_EXTRAS = {
    "courrier": Contribution.WRITTEN,
    "courriel": Contribution.WRITTEN,
    "lettre": Contribution.WRITTEN,
    "e mail": Contribution.WRITTEN,
    "email": Contribution.WRITTEN,
    "mail": Contribution.WRITTEN,
    "presentiel": Contribution.IN_PERSON,
    "en presentiel": Contribution.IN_PERSON,
}


def decision_words():
    return {**_labels_in_every_language(Contribution.DECISIONS), **_DECISION_EXTRAS}


def channel_words():
    return {**_labels_in_every_language(Contribution.CHANNELS), **_CHANNEL_EXTRAS}


def shown_words(choices):
    """The labels a person may write, in the active language, as one line: "retenue, adaptée, …"."""
    return ", ".join(quoted(label) for __, label in choices)


def quoted(text):
    """`text` between the active language's quotation marks."""
    return _("“{text}”").format(text=text)


def label_of(choices, code):
    """The label of `code` among `choices` in the active language, or empty."""
    return str(dict(choices).get(code, "")) if code else ""


def column_help(column):
    words = {"channel": Contribution.CHANNELS, "decision": Contribution.DECISIONS}.get(column.key)
    return str(column.help).format(words=shown_words(words) if words else "", sheet=sheet_names()["shared"])


def key_of(header):
    """The machine key a header names ("Référence (reference)" or "reference"), or the key whose label in any site
    language it is ("Référence"); None when it names no column."""
    header = str(header or "").strip()
    found = re.search(r"\(([a-z_]+)\)\s*$", header)
    if found and found.group(1) in BY_KEY:
        return found.group(1)
    folded = fold(header)
    for key, column in BY_KEY.items():
        if folded == fold(key):
            return key
        for language, __ in settings.LANGUAGES:
            with translation.override(language):
                if folded == fold(str(column.label)):
                    return key
    return None

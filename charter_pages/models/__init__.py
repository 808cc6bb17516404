"""charter_pages' models, one module per concern, re-exported here for Django and for imports."""

from .glossary import GlossaryTerm
from .page import CharterPage
from .records import CharterChapter, CharterEdition, Commitment, ReciprocalCommitment

__all__ = [
    "CharterChapter",
    "CharterEdition",
    "CharterPage",
    "Commitment",
    "GlossaryTerm",
    "ReciprocalCommitment",
]

"""The citizen label: its levels and its awards (translatable snippets) and LabelPage, which explains the label,
lists the awards and answers `verifier/<code>/` with a proof anyone can check."""

from consultations.label.codes import CODE_ALPHABET, CODE_LENGTH, CODE_PATTERN, new_verification_code

from .awards import SHARED_FIELDS, TEXT_FIELDS, LabelAward, LabelAwardQuerySet, strip_kind
from .levels import LabelLevel
from .page import LabelPage, label_page_urls

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "CODE_PATTERN",
    "SHARED_FIELDS",
    "TEXT_FIELDS",
    "LabelAward",
    "LabelAwardQuerySet",
    "LabelLevel",
    "LabelPage",
    "label_page_urls",
    "new_verification_code",
    "strip_kind",
]

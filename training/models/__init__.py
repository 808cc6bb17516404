"""training's models: the staff-only page types and the records of who learnt what, re-exported here."""

from .index import TrainingIndexPage
from .lesson import TrainingLessonPage
from .module import ModulePrerequisite, TrainingModulePage, TrainingSession
from .records import Attestation, LessonProgress, StaffProfile
from .verification import AttestationVerificationPage

__all__ = [
    "Attestation",
    "AttestationVerificationPage",
    "LessonProgress",
    "ModulePrerequisite",
    "StaffProfile",
    "TrainingIndexPage",
    "TrainingLessonPage",
    "TrainingModulePage",
    "TrainingSession",
]

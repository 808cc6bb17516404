"""training's models: the staff-only page types and the records of who learnt what, re-exported here."""

from .pages import (
    AttestationVerificationPage,
    ModulePrerequisite,
    TrainingIndexPage,
    TrainingLessonPage,
    TrainingModulePage,
    TrainingSession,
)
from .records import Attestation, LessonProgress, StaffProfile

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

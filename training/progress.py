"""Progress rules: grading quizzes on the server, marking lessons done, completing modules, attestations."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from training.models import Attestation, LessonProgress, StaffProfile, TrainingLessonPage

CHOICE_NUMBER = re.compile(r"[0-9]{1,2}")  # ASCII digits only: "²" or a 5,000-digit number is not a choice


@dataclass
class QuestionResult:
    block_id: str
    question: str
    choices: list
    selected: set
    correct: set
    explanation: object
    multiple: bool

    @property
    def is_correct(self):
        return self.selected == self.correct

    @property
    def choice_rows(self):
        return [
            {"text": text, "selected": index in self.selected, "correct": index in self.correct}
            for index, text in enumerate(self.choices)
        ]


@dataclass
class QuizResult:
    questions: list = field(default_factory=list)

    @property
    def correct_count(self):
        return sum(1 for question in self.questions if question.is_correct)

    @property
    def score(self):
        if not self.questions:
            return 0
        return round(100 * self.correct_count / len(self.questions))


def quiz_blocks(lesson):
    return [block for block in lesson.body if block.block_type == "quiz"]


def grade_quiz(lesson, data):
    """Grade the posted form against the lesson's questions. Anything that does not name one of a question's
    choices (tampered or stale forms) is ignored, so it can only lose points, never gain them."""
    result = QuizResult()
    for block in quiz_blocks(lesson):
        choices = list(block.value["choices"])
        correct = {index for index, choice in enumerate(choices) if choice["is_correct"]}
        selected = set()
        for raw in data.getlist(f"q-{block.id}"):
            if CHOICE_NUMBER.fullmatch(raw) and int(raw) < len(choices):
                selected.add(int(raw))
        multiple = len(correct) > 1
        if not multiple and len(selected) > 1:
            selected = set()  # a single-answer question answered with several boxes: a forged form
        result.questions.append(
            QuestionResult(
                block_id=block.id,
                question=block.value["question"],
                choices=[choice["text"] for choice in choices],
                selected=selected,
                correct=correct,
                explanation=block.value["explanation"],
                multiple=multiple,
            )
        )
    return result


def _locked_progress(user, lesson):
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson_key=lesson.translation_key
    )
    return progress


def record_quiz_score(user, lesson, score):
    """Keep the best score; posting the same answers again changes nothing."""
    with transaction.atomic():
        progress = _locked_progress(user, lesson)
        if progress.best_score is None or score > progress.best_score:
            progress.best_score = score
            _save_and_complete(progress, lesson)
    return progress


def mark_done(user, lesson):
    """Mark the lesson done once: the first date stays; a second post changes nothing."""
    with transaction.atomic():
        progress = _locked_progress(user, lesson)
        if progress.marked_done_at is None:
            progress.marked_done_at = timezone.now()
            _save_and_complete(progress, lesson)
    return progress


def is_complete(progress, lesson):
    if progress is None or progress.marked_done_at is None:
        return False
    if quiz_blocks(lesson):
        return (progress.best_score or 0) >= lesson.pass_mark
    return True


def _save_and_complete(progress, lesson):
    just_completed = progress.completed_at is None and is_complete(progress, lesson)
    if just_completed:
        progress.completed_at = timezone.now()
    progress.save()
    if just_completed:
        ensure_attestation(progress.user, lesson.get_parent().specific)


def module_lesson_keys(module):
    return set(TrainingLessonPage.objects.child_of(module).live().values_list("translation_key", flat=True))


def ensure_attestation(user, module):
    """The attestation for `module` if every live lesson of it is complete for `user` (created on first need).
    Lessons count whichever language they were completed in, and one attestation covers every translation of the
    module: the first one issued, in the language the person was using then."""
    existing = Attestation.objects.filter(user=user, module_key=module.translation_key, superseded=False).first()
    if existing is not None:
        return existing
    lesson_keys = module_lesson_keys(module)
    if not lesson_keys:
        return None
    done = LessonProgress.objects.filter(user=user, lesson_key__in=lesson_keys, completed_at__isnull=False)
    summary = done.aggregate(count=Count("pk"), last=Max("completed_at"))
    if summary["count"] < len(lesson_keys):
        return None
    profile = StaffProfile.objects.filter(user=user).first()
    attestation, _created = Attestation.objects.get_or_create(
        user=user,
        module_key=module.translation_key,
        superseded=False,
        defaults={
            "module": module,
            "holder_name": user.get_full_name() or user.get_username(),
            "service": profile.service if profile else "",
            "module_title": module.title,
            "duration_hours": module.duration_hours,
            "completed_at": summary["last"],
        },
    )
    return attestation

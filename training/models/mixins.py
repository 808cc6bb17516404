"""What the staff-only page types share: the access rule, private answers, and progress per module."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from training import access

from .records import Attestation, LessonProgress

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
# Contexts keep these apart from other apps' same English words (French agrees "module" and "leçon" differently).
STATUS_LABELS = {
    NOT_STARTED: pgettext_lazy("module status", "Not started"),
    IN_PROGRESS: pgettext_lazy("module status", "In progress"),
    COMPLETED: pgettext_lazy("module status", "Completed"),
}


class StaffOnlyMixin:
    """Staff-only pages: the rule lives in code, so removing the view restriction in the admin exposes nothing;
    every answer is private, and the pages are never put in the search index."""

    def serve(self, request, *args, **kwargs):
        denied = access.denied_response(request)
        if denied is not None:
            return access.make_private(denied)
        return access.make_private(self.serve_staff(request, *args, **kwargs))

    def serve_staff(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.none()


@dataclass
class ModuleProgress:
    """One module as a person sees it: how many lessons, how many complete, and the resulting status."""

    module: Page
    total: int
    done: int
    started: bool
    attestation: Attestation | None
    attestation_url: str = ""

    @property
    def status(self):
        if self.attestation is not None or (self.total and self.done >= self.total):
            return COMPLETED
        return IN_PROGRESS if self.started else NOT_STARTED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def module_progress(modules, user):
    """Progress of `user` in each of `modules`, in three queries whatever the number of modules and lessons."""
    modules = list(modules)
    if not modules:
        return []
    under_a_module = Q()
    for module in modules:
        under_a_module |= Q(path__startswith=module.path, depth=module.depth + 1)
    # Here, not at the top: training.models.lesson imports this module (an import cycle).
    from .lesson import TrainingLessonPage

    lessons = (
        TrainingLessonPage.objects.live().filter(under_a_module).order_by("path").values_list("translation_key", "path")
    )
    lessons_by_module = {}
    for key, lesson_path in lessons:
        lessons_by_module.setdefault(lesson_path[: -Page.steplen], []).append(key)
    all_keys = [key for keys in lessons_by_module.values() for key in keys]
    # Keyed on translation_key (see records.LessonProgress): a lesson done in one language counts in all of them.
    records = dict(
        LessonProgress.objects.filter(user=user, lesson_key__in=all_keys).values_list("lesson_key", "completed_at")
    )
    attestations = {
        attestation.module_key: attestation
        for attestation in Attestation.objects.filter(
            user=user, module_key__in=[module.translation_key for module in modules], superseded=False
        )
    }
    rows = []
    for module in modules:
        keys = lessons_by_module.get(module.path, [])
        rows.append(
            ModuleProgress(
                module=module,
                total=len(keys),
                done=sum(1 for key in keys if records.get(key)),
                started=any(key in records for key in keys),
                attestation=attestations.get(module.translation_key),
            )
        )
    return rows

"""A lesson: editorial content, then a quiz graded on the server, and the person's progress."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from site_core.models import BasePage
from training.blocks import LessonStreamBlock

from .mixins import StaffOnlyMixin
from .records import LessonProgress


class TrainingLessonPage(StaffOnlyMixin, BasePage):
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("What the lesson teaches, in one or two sentences.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), null=True, blank=True, help_text=_("Approximate time to follow the lesson.")
    )
    body = StreamField(
        LessonStreamBlock(),
        verbose_name=_("content"),
        blank=True,
        use_json_field=True,
        help_text=_(
            "The lesson's content. Quiz questions are gathered in one quiz at the end of the lesson; the correct "
            "answers are never sent to the browser before the person answers."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Percentage of correct answers needed at the quiz to complete the lesson (if it has a quiz)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("pass_mark")]),
        FieldPanel("body"),
    ]

    parent_page_types = ["training.TrainingModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            TrainingLessonPage.objects.sibling_of(self).live().order_by("path").only("id", "title", "url_path", "path")
        )
        position = next((index for index, lesson in enumerate(siblings) if lesson.pk == self.pk), 0)
        progress = LessonProgress.objects.for_lesson(self).filter(user=request.user).first()
        context.update(
            {
                "module": self.module,
                "lesson_number": position + 1,
                "lesson_count": len(siblings),
                "previous_lesson": siblings[position - 1] if position > 0 else None,
                "next_lesson": siblings[position + 1] if position + 1 < len(siblings) else None,
                "progress": progress,
                "content_blocks": [block for block in self.body if block.block_type != "quiz"],
                "quiz_questions": self.quiz_questions,
                "is_complete": bool(progress and progress.completed_at),
                "quiz_passed": progress is not None and (progress.best_score or 0) >= self.pass_mark,
            }
        )
        return context

    @cached_property
    def module(self):
        # Here, not at the top: training.models.module imports this module (an import cycle).
        from .module import TrainingModulePage

        return TrainingModulePage.objects.parent_of(self).first() if self.pk else None

    @cached_property
    def quiz_questions(self):
        """The questions as the form shows them: text and choices, never which choices are correct."""
        questions = []
        for block in self.body:
            if block.block_type != "quiz":
                continue
            choices = list(block.value["choices"])
            questions.append(
                {
                    "id": block.id,
                    "question": block.value["question"],
                    "choices": [choice["text"] for choice in choices],
                    "multiple": sum(1 for choice in choices if choice["is_correct"]) > 1,
                    "selected": set(),
                }
            )
        return questions

    def serve_staff(self, request, *args, **kwargs):
        # Here, not at the top: training.progress imports training.models (an import cycle).
        from training import progress

        if request.method == "POST":
            action = request.POST.get("action")
            if action == "quiz" and self.quiz_questions:
                result = progress.grade_quiz(self, request.POST)
                progress.record_quiz_score(request.user, self, result.score)
                return self.render_with_result(request, result)
            if action == "done":
                progress.mark_done(request.user, self)
            return HttpResponseRedirect(self.get_url(request) + "#progression")
        return super().serve_staff(request, *args, **kwargs)

    def render_with_result(self, request, result):
        context = self.get_context(request)
        selected = {question.block_id: question.selected for question in result.questions}
        context["quiz_result"] = result
        context["quiz_questions"] = [
            {**question, "selected": selected.get(question["id"], set())} for question in self.quiz_questions
        ]
        return TemplateResponse(request, self.get_template(request), context)

"""Lesson blocks: the shared editorial blocks plus the quiz question, graded on the server."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from site_core.blocks import BaseStreamBlock

MIN_CHOICES = 2
MAX_CHOICES = 6


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=250)
    is_correct = blocks.BooleanBlock(
        label=_("Correct answer"),
        required=False,
        help_text=_("Tick each correct answer. This is never sent to the browser before the person answers."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuizBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    choices = blocks.ListBlock(
        QuizChoiceBlock(),
        label=_("Answers"),
        min_num=MIN_CHOICES,
        max_num=MAX_CHOICES,
        help_text=_("2 to 6 possible answers, at least one of them correct."),
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown after answering: why the right answer is right, with the useful reference."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(choice.get("is_correct") for choice in value.get("choices", [])):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Tick at least one correct answer."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("Quiz question")
        description = _(
            "A question with 2 to 6 answers, one or more of them correct. The lesson's questions are gathered "
            "in one quiz at the end of the lesson and graded on the server."
        )
        preview_value = {
            "question": "Quand la Métropole doit-elle annoncer l'impact des contributions ?",
            "choices": [
                {"text": "Au lancement de la concertation", "is_correct": True},
                {"text": "Dans le bilan seulement", "is_correct": False},
            ],
            "explanation": "<p>La charte demande de dire dès le départ ce que les avis pourront changer.</p>",
        }


class LessonStreamBlock(BaseStreamBlock):
    """Every shared editorial block, plus quiz questions."""

    quiz = QuizBlock()

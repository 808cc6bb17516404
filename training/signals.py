"""Keep the training section behind sign-in even when someone deletes its view restriction, and forget progress on
a lesson once it is deleted in every language."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from training.access import restore_view_restriction_later
from training.models import LessonProgress, TrainingIndexPage, TrainingLessonPage


@receiver(post_delete, sender=PageViewRestriction)
def restore_training_restriction(sender, instance, **kwargs):
    if TrainingIndexPage.objects.filter(pk=instance.page_id).exists():
        restore_view_restriction_later(instance.page_id)


@receiver(post_delete, sender="training.TrainingLessonPage")
def forget_progress_of_deleted_lesson(sender, instance, **kwargs):
    """Progress is keyed on the lesson's translation_key, not a foreign key (see records.LessonProgress): deleting
    one translation keeps it for the others; deleting the last one removes it, as the cascade used to."""
    if not TrainingLessonPage.objects.filter(translation_key=instance.translation_key).exists():
        LessonProgress.objects.filter(lesson_key=instance.translation_key).delete()

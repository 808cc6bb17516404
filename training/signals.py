"""Keep the training section behind sign-in even when someone deletes its view restriction."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from training.access import restore_view_restriction_later


@receiver(post_delete, sender=PageViewRestriction)
def restore_training_restriction(sender, instance, **kwargs):
    from training.models import TrainingIndexPage

    if TrainingIndexPage.objects.filter(pk=instance.page_id).exists():
        restore_view_restriction_later(instance.page_id)

"""What the label tells the rest of the house: an award made active is news for the consultation's followers
(consultations.extensions.consultation_news; the followers' room listens, the label knows nothing of e-mails)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from consultations.extensions import consultation_news
from consultations.label.models import LabelAward


@receiver(post_save, sender=LabelAward, dispatch_uid="pacte-label-news")
def award_is_news(sender, instance, raw=False, **kwargs):
    if raw or instance.status != LabelAward.ACTIVE or instance.consultation_id is None:
        return
    consultation_news.send(
        sender=LabelAward,
        kind="label",
        consultation=instance.consultation,
        key=str(instance.translation_key),  # one award, however many translations are saved
        details={"document": instance.document_title, "level": str(instance.level) if instance.level_id else ""},
    )

"""Training for the authority's staff: modules, lessons, quizzes, progress and attestations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Staff training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from training import signals  # noqa: F401 - connects the receivers

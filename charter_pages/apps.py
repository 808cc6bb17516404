from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterPagesConfig(AppConfig):
    name = "charter_pages"
    verbose_name = _("Participation charter")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        # Not at module top: site_core.cache imports models, which need the app registry ready.
        from site_core.cache import register_content_app

        register_content_app(self.label)

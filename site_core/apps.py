from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = _("Site")

    def ready(self):
        # Not at module top: site_core.cache imports models, which need the app registry ready.
        from site_core.cache import connect_signals

        connect_signals()

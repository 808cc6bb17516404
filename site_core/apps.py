from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = _("Site")

    def ready(self):
        # Not at module top: these import models, which need the app registry ready.
        from django.db.models.signals import post_migrate

        from site_core import documents, public_address, tasks
        from site_core.cache import connect_signals

        connect_signals()
        tasks.connect_signals()
        documents.connect_signals()
        # The Site record created by Wagtail's migrations is localhost:80; every migrate sets it from the address.
        post_migrate.connect(public_address.sync_site_after_migrate, sender=self)

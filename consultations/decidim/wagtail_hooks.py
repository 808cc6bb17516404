"""The Decidim importer's admin page and menu entry, and what it adds to the core's consultation and report pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import extensions
from consultations.decidim.models import participation_for, results_for
from consultations.decidim.views import decidim_import_view


class DecidimImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.add_onlineparticipation")


@hooks.register("register_admin_urls")
def register_decidim_import_url():
    return [path("consultations/import-decidim/", decidim_import_view, name="consultations_import_decidim")]


@hooks.register("register_admin_menu_item")
def register_decidim_import_menu_item():
    return DecidimImportMenuItem(
        _("Import from Decidim"), reverse("consultations_import_decidim"), icon_name="download", order=332
    )


# The consultation page's "take part online" link names the imported process; the report shows imported results.
hooks.register(extensions.ONLINE_PARTICIPATION, participation_for)
hooks.register(extensions.IMPLEMENTATION_RESULTS, results_for)

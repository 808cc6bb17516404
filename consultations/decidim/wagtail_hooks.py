"""The Decidim importer's admin page and menu entry, and what it adds to the core's consultation and report pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from consultations import extensions
from consultations.decidim.models import participation_for, results_for, results_of_contributions
from consultations.decidim.views import decidim_import_view


class DecidimImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.add_onlineparticipation")


@hooks.register("register_admin_urls")
def register_decidim_import_url():
    return [path("consultations/import-decidim/", decidim_import_view, name="consultations_import_decidim")]


class DecidimImportMenu(ViewSet):
    """The Decidim import's place in the "Consultations" menu; its page keeps the admin address editors know."""

    name = "consultations_decidim_import"
    icon = "download"
    menu_label = _("Import from Decidim")
    menu_item_class = DecidimImportMenuItem

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("consultations_import_decidim")


@hooks.register(extensions.ADMIN_MENU_ITEMS)
def decidim_menu_items():
    return [DecidimImportMenu]


# The consultation page's "take part online" link names the imported process; the report shows imported results.
hooks.register(extensions.ONLINE_PARTICIPATION, participation_for)
hooks.register(extensions.IMPLEMENTATION_RESULTS, results_for)
# A contribution's permalink shows the results that include its proposal.
hooks.register(extensions.CONTRIBUTION_RESULTS, results_of_contributions)

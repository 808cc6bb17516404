"""The spreadsheet round trip's place in the admin: an entry in the "Consultations" menu and a button in the header
of a consultation's editor."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button

from consultations import extensions
from consultations.models import ConsultationPage
from consultations.permissions import PageEditorsMenuItem
from consultations.spreadsheet import views


class SpreadsheetViewSet(ViewSet):
    name = views.NAMESPACE
    url_prefix = "consultations/contributions-spreadsheet"
    icon = "table"
    menu_label = _("Contributions spreadsheet")
    menu_item_class = PageEditorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.index_view, name="index"),
            path("<int:page_id>/", views.consultation_view, name="consultation"),
            path("<int:page_id>/import/", views.import_view, name="import"),
            path("<int:page_id>/export.xlsx", views.export_view, {"extension": "xlsx"}, name="export_xlsx"),
            path("<int:page_id>/export.csv", views.export_view, {"extension": "csv"}, name="export_csv"),
        ]


@hooks.register(extensions.ADMIN_MENU_ITEMS)
def spreadsheet_menu_items():
    return [SpreadsheetViewSet]


@hooks.register("register_page_header_buttons")
def spreadsheet_button(page, user, view_name, next_url=None):
    """On a consultation the user may edit: "Contributions spreadsheet", in the header's "more" menu."""
    if issubclass(page.specific_class or type(page), ConsultationPage) and page.permissions_for_user(user).can_edit():
        url = reverse(f"{views.NAMESPACE}:consultation", args=[page.pk])
        yield Button(_("Contributions spreadsheet"), url, icon_name="table", priority=90)

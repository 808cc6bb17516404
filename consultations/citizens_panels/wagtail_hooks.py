"""The citizens' panels' place in the admin: an entry in the "Consultations" menu, for editors who may edit a page."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from consultations import extensions
from consultations.citizens_panels import views
from consultations.permissions import PageEditorsMenuItem


class CitizensPanelsViewSet(ViewSet):
    name = views.NAMESPACE
    url_prefix = "consultations/citizens-panels"
    icon = "group"
    menu_label = _("Citizens' panels")
    menu_item_class = PageEditorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.index_view, name="index"),
            path("add/", views.create_view, name="add"),
            path("<int:panel_id>/", views.detail_view, name="detail"),
            path("<int:panel_id>/edit/", views.edit_view, name="edit"),
            path("<int:panel_id>/volunteers/add/", views.add_volunteer_view, name="add_volunteer"),
            path("<int:panel_id>/volunteers/import/", views.import_view, name="import"),
            path("<int:panel_id>/publish/", views.publish_view, name="publish"),
            path("<int:panel_id>/draw/", views.draw_view, name="draw"),
            path("<int:panel_id>/erase/", views.erase_view, name="erase"),
        ]


@hooks.register(extensions.ADMIN_MENU_ITEMS)
def citizens_panels_menu_items():
    return [CitizensPanelsViewSet]

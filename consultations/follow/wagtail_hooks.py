"""The followers' room in the admin (an entry of the "Consultations" menu) and its public addresses."""

from django.urls import include, path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations import extensions
from consultations.follow import admin_views
from consultations.follow.models import Follow


@hooks.register("pacte_public_urls")
def follow_urls():
    return [path("", include("consultations.follow.urls"))]


@hooks.register("register_admin_urls")
def follow_admin_urls():
    return [
        path("consultations/followers/", admin_views.overview, name="follow_admin"),
        path("consultations/followers/<int:page_id>/", admin_views.detail, name="follow_admin_detail"),
        path(
            "consultations/followers/<int:page_id>/preview/<str:kind>/<str:language>/",
            admin_views.preview,
            name="follow_admin_preview",
        ),
        path("consultations/followers/<int:page_id>/addresses/", admin_views.addresses, name="follow_admin_addresses"),
    ]


class FollowersMenuItem(MenuItem):
    def is_shown(self, request):
        # For those who may edit pages (the page lists the consultations they may edit): nobody else has any.
        return PagePermissionPolicy().user_has_permission(request.user, "change")


class FollowersMenu(ViewSet):
    name = "consultations_followers"
    icon = "mail"
    menu_label = _("Followers and messages")
    menu_item_class = FollowersMenuItem

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("follow_admin")


@hooks.register(extensions.ADMIN_MENU_ITEMS)
def followers_menu_items():
    return [FollowersMenu]


@hooks.register(extensions.CONSULTATION_SECTIONS)
def follow_consultation_section(consultation):
    """The follow form on every public consultation page (the consultation is followed in all its languages)."""
    return [
        {
            "template": "follow/follow_form.html",
            "id": "consultation",
            "kind": Follow.CONSULTATION,
            "key": str(consultation.translation_key),
            "heading": _("Follow this consultation by e-mail"),
        }
    ]


@hooks.register(extensions.INDEX_SECTIONS)
def follow_filter_sections(index_page, filters):
    """Under a theme or territory filter, the form to follow every consultation of that theme or territory."""
    sections = []
    if filters.theme and filters.theme in filters.themes:
        tag = filters.themes[filters.theme]
        sections.append(
            {
                "template": "follow/follow_form.html",
                "id": "theme",
                "kind": Follow.THEME,
                "key": tag.slug,
                "heading": format_lazy(_("Follow the theme “{name}” by e-mail"), name=tag.name),
            }
        )
    if filters.territory and filters.territory in filters.territories:
        territory = filters.territories[filters.territory]
        sections.append(
            {
                "template": "follow/follow_form.html",
                "id": "territory",
                "kind": Follow.TERRITORY,
                "key": str(territory.translation_key),
                "heading": format_lazy(_("Follow the territory “{name}” by e-mail"), name=territory.name),
            }
        )
    return sections

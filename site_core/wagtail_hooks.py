"""Admin registrations for site_core: the navigation menus as translatable snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_core.models import NavigationMenu


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Navigation")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["location", "locale"]
    list_filter = ["location", "locale"]


register_snippet(NavigationMenuViewSet)

"""Admin registrations of the consultations core: territories (translatable snippet), random draws (performed in
the admin). The rooms register their own (consultations/label, consultations/decidim)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.forms import RandomDrawCreateForm, RandomDrawEditForm
from consultations.models import RandomDraw, Territory


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Territories")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


register_snippet(TerritoryViewSet)


class RandomDrawViewSet(ModelViewSet):
    model = RandomDraw
    icon = "resubmit"
    menu_label = _("Random draws")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "consultation", "count", "population_size", "performed_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "consultation",
        "method",
        "population_size",
        "population_fingerprint",
        "seed",
        "algorithm",
        "count",
        "result",
        "performed_at",
        "performed_by",
    ]

    def get_form_class(self, for_update=False):
        return RandomDrawEditForm if for_update else RandomDrawCreateForm


random_draw_viewset = RandomDrawViewSet("random_draws")


@hooks.register("register_admin_viewset")
def register_random_draw_viewset():
    return random_draw_viewset

"""Admin registrations: territories (translatable snippet), random draws (performed in the admin), the citizen
label's levels and awards (translatable snippets, the awards with their badge downloads)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.forms import RandomDrawCreateForm, RandomDrawEditForm
from consultations.label.models import LabelAward, LabelLevel
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


class LabelLevelViewSet(SnippetViewSet):
    model = LabelLevel
    icon = "pick"
    menu_label = _("Label levels")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "rank", "slug", "locale"]
    list_filter = ["locale"]


register_snippet(LabelLevelViewSet)


class LabelAwardViewSet(SnippetViewSet):
    """A translatable snippet, so that wagtail-localize offers "Translate" on each award; kept at its own admin
    address (/admin/label_awards/), which editors already know."""

    model = LabelAward
    base_url_path = "label_awards"
    icon = "success"
    menu_label = _("Label awards")
    menu_order = 331
    add_to_admin_menu = True
    list_display = ["document_title", "level", "consultation", "awarded_on", "status", "code", "badge_downloads"]
    list_filter = ["status", "level", "document_kind"]
    search_fields = ["document_title", "document_reference", "code"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "document_title",
        "document_kind",
        "document_reference",
        "document_date",
        "document_url",
        "consultation",
        "level",
        "awarded_on",
        "citizen_contribution",
        "status",
        "withdrawn_on",
        "withdrawal_reason",
    ]

    def get_queryset(self, request):
        return LabelAward.objects.select_related("level", "consultation")


register_snippet(LabelAwardViewSet)


class DecidimImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.add_onlineparticipation")


@hooks.register("register_admin_urls")
def register_decidim_import_url():
    from consultations.decidim.views import decidim_import_view

    return [path("consultations/import-decidim/", decidim_import_view, name="consultations_import_decidim")]


@hooks.register("register_admin_menu_item")
def register_decidim_import_menu_item():
    return DecidimImportMenuItem(
        _("Import from Decidim"), reverse("consultations_import_decidim"), icon_name="download", order=332
    )

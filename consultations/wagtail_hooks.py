"""Admin registrations: territories (translatable snippet), random draws (performed in the admin), the citizen
label's levels and awards (translatable snippets, the awards with their badge downloads) and the Decidim import,
all under one "Consultations" menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations.forms import RandomDrawCreateForm, RandomDrawEditForm
from consultations.models import LabelAward, LabelLevel, RandomDraw, Territory


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Territories")
    list_display = ["name", "kind", "slug", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class RandomDrawViewSet(ModelViewSet):
    model = RandomDraw
    icon = "resubmit"
    menu_label = _("Random draws")
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


class LabelLevelViewSet(SnippetViewSet):
    model = LabelLevel
    icon = "pick"
    menu_label = _("Label levels")
    list_display = ["name", "rank", "slug", "locale"]
    list_filter = ["locale"]


class LabelAwardViewSet(SnippetViewSet):
    """A translatable snippet, so that wagtail-localize offers "Translate" on each award; kept at its own admin
    address (/admin/label_awards/), which editors already know."""

    model = LabelAward
    base_url_path = "label_awards"
    icon = "success"
    menu_label = _("Label awards")
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


class DecidimImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.add_onlineparticipation")


@hooks.register("register_admin_urls")
def register_decidim_import_url():
    from consultations.decidim_admin import decidim_import_view

    return [path("consultations/import-decidim/", decidim_import_view, name="consultations_import_decidim")]


class DecidimImportMenu(ViewSet):
    """The Decidim import's place in the menu group; its page keeps the admin address editors know (above)."""

    name = "consultations_decidim_import"
    icon = "download"
    menu_label = _("Import from Decidim")
    menu_item_class = DecidimImportMenuItem

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("consultations_import_decidim")


class ConsultationsViewSetGroup(SnippetViewSetGroup):
    """Everything an editor manages around consultations, in one admin menu (as Wagtail's bakerydemo groups its
    snippets)."""

    menu_label = _("Consultations")
    menu_icon = "clipboard-list"
    menu_order = 310
    items = (TerritoryViewSet, random_draw_viewset, LabelLevelViewSet, LabelAwardViewSet, DecidimImportMenu)


register_snippet(ConsultationsViewSetGroup)

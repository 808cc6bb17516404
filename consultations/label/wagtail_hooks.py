"""Admin registrations of the citizen label: its levels and awards (translatable snippets, the awards with their
badge downloads), in the core's "Consultations" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations import extensions
from consultations.label.models import LabelAward, LabelLevel


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
    search_fields = ["document_title", "document_reference", "code", "document_sha256"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "document_title",
        "document_kind",
        "document_reference",
        "document_date",
        "document",
        "document_url",
        "document_sha256",
        "consultation",
        "level",
        "awarded_on",
        "citizen_contribution",
        "status",
        "withdrawn_on",
        "withdrawal_reason",
    ]

    def get_queryset(self, request):
        return LabelAward.objects.select_related("level", "consultation", "document")


@hooks.register(extensions.ADMIN_MENU_ITEMS)
def label_menu_items():
    return [LabelLevelViewSet, LabelAwardViewSet]

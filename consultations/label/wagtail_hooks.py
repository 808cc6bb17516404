"""Admin registrations of the citizen label: its levels and awards (translatable snippets, the awards with their
badge downloads), in the core's "Consultations" menu; the badges the consultation report's PDF shows."""

import base64

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations import extensions
from consultations.label import badge as label_badge
from consultations.label import search as label_search
from consultations.label.models import LabelAward, LabelLevel, LabelPage
from consultations.label.views import pick_versions
from site_core.search import SEARCH_KINDS
from site_core.site_data import locales
from site_core.translation import shown_version


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


@hooks.register(extensions.REPORT_BADGES)
def report_badges(report):
    """The badges of the labels in force for the report's consultation, drawn for the report's language, each leading
    to its verification page on the label page of that language (or of the site's default one)."""
    consultation = report.consultation
    if consultation is None:
        return []
    label_pages = {page.locale_id: page for page in LabelPage.objects.live().public()}
    default = locales().get(settings.LANGUAGE_CODE)
    label_page = label_pages.get(report.locale_id) or (label_pages.get(default.pk) if default else None)
    if label_page is None:  # nowhere to verify the badge: none is shown
        return []
    rows = (
        LabelAward.objects.for_locale(report.locale_id)
        .filter(consultation__translation_key=consultation.translation_key, status=LabelAward.ACTIVE)
        .select_related("level", "consultation", "locale")
    )
    badges = []
    for award in sorted(pick_versions(rows, report.locale_id), key=lambda award: (award.awarded_on, award.pk)):
        level_name = shown_version(award.level, report.locale_id).record.name
        url = label_page.full_verification_url(award.code)
        svg = label_badge.badge_svg(award, level_name, url)
        badges.append(
            {
                "svg": svg,
                "data_uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
                "alt": label_badge.badge_alt(award, level_name, url),
                "url": url,
            }
        )
    return badges


@hooks.register(SEARCH_KINDS)
def label_search_kinds():
    return [label_search.AwardKind()]

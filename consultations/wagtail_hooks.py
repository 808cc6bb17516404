"""Admin registrations of the consultations core: territories (translatable snippet), random draws (performed in
the admin), contributions and shared answers (answered one by one), in one "Consultations" menu that the rooms
(consultations/label, consultations/decidim) add their own entries to; what the consultations add to the charter's
commitments and to the home page (consultations/home.py)."""

import datetime

from django.db.models import Count, Min, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from charter_pages import extensions as charter
from charter_pages.models import Commitment
from consultations import extensions, home
from consultations import search as consultation_search
from consultations import status as statuses
from consultations.forms import (
    ContributionAdminForm,
    RandomDrawCreateForm,
    RandomDrawEditForm,
    SharedAnswerAdminForm,
)
from consultations.models import ConsultationPage, Contribution, RandomDraw, SharedAnswer, Territory
from site_core.home import HOME_SECTIONS
from site_core.search import SEARCH_KINDS
from site_core.site_data import public_pages
from site_core.translation import pick_version


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
    list_display = ["title", "consultation", "count", "population_size", "list_published_at", "performed_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "consultation",
        "method",
        "protocol",
        "population_size",
        "population_fingerprint",
        "list_published_at",
        "seed_source",
        "seed",
        "algorithm",
        "criteria",
        "quotas",
        "quotas_fingerprint",
        "count",
        "result",
        "performed_at",
        "performed_by",
    ]

    def get_form_class(self, for_update=False):
        return RandomDrawEditForm if for_update else RandomDrawCreateForm


random_draw_viewset = RandomDrawViewSet("random_draws")


class WithConsultationIndexView(IndexView):
    """The list with each row's consultation (and theme) read in the same query."""

    related = ("consultation",)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)


class ContributionIndexView(WithConsultationIndexView):
    related = ("consultation", "theme")
    default_ordering = "reference"


class ContributionViewSet(ModelViewSet):
    """Each contribution, answered one by one (the spreadsheet import answers many at once)."""

    model = Contribution
    icon = "comment"
    menu_label = _("Contributions")
    add_to_reference_index = False
    list_display = ["reference", "title", "consultation", "decision", "channel", "theme"]
    list_filter = ["consultation", "decision", "channel", "theme"]
    search_fields = ["reference", "title"]
    search_backend_name = None  # the database's own matching: records are not in the site's search index
    list_per_page = 50
    index_view_class = ContributionIndexView

    def get_form_class(self, for_update=False):
        return ContributionAdminForm


class SharedAnswerViewSet(ModelViewSet):
    model = SharedAnswer
    icon = "doc-full"
    menu_label = _("Shared answers")
    add_to_reference_index = False
    list_display = ["title", "consultation"]
    list_filter = ["consultation"]
    search_fields = ["title"]
    search_backend_name = None
    list_per_page = 50
    index_view_class = WithConsultationIndexView

    def get_form_class(self, for_update=False):
        return SharedAnswerAdminForm


contribution_viewset = ContributionViewSet("contributions")
shared_answer_viewset = SharedAnswerViewSet("shared_answers")


class ConsultationsViewSetGroup(SnippetViewSetGroup):
    """Everything an editor manages around consultations, in one admin menu (as Wagtail's bakerydemo groups its
    snippets): the core's entries, then those the rooms give through extensions.ADMIN_MENU_ITEMS."""

    menu_label = _("Consultations")
    menu_icon = "clipboard-list"
    menu_order = 310

    def __init__(self):
        self.items = (
            TerritoryViewSet,
            random_draw_viewset,
            contribution_viewset,
            shared_answer_viewset,
            *extensions.all_answers(extensions.ADMIN_MENU_ITEMS),
        )
        super().__init__()


# Through register_admin_viewset rather than register_snippet: Wagtail calls it once every app's wagtail_hooks
# module is loaded, so the rooms' entries are known by then.
@hooks.register("register_admin_viewset")
def register_consultations_menu():
    return ConsultationsViewSetGroup()


@hooks.register(charter.COMMITMENT_USE_COUNTS)
def consultations_per_commitment(charter_page):
    """{commitment pk: consultations that applied it} for one charter page, in one query. A consultation counts
    once whatever the languages it is published in, and a commitment counts the consultations that applied any of
    its versions: the English charter says what the French one says, even while most consultations are in French
    only (both matched by translation key)."""
    relation = ConsultationPage._meta.get_field("commitments")
    consultation, commitment = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    uses = (
        relation.remote_field.through.objects.filter(
            **{
                f"{commitment}__translation_key": OuterRef("translation_key"),
                f"{consultation}__in": public_pages(ConsultationPage.objects.live()).values("pk"),
            }
        )
        .values(f"{commitment}__translation_key")
        .annotate(count=Count(f"{consultation}__translation_key", distinct=True))
        .values("count")
    )
    rows = Commitment.objects.filter(chapter__page=charter_page).annotate(uses=Subquery(uses[:1]))
    return {pk: count for pk, count in rows.values_list("pk", "uses") if count}


@hooks.register(charter.COMMITMENT_APPLIED_BY)
def consultations_applying(commitment):
    """The live, public consultations that apply any version of `commitment`, once each: in the reader's language
    when translated into it, else in their original one (`shown_lang` then says which), the newest first, each
    with `launch_on` (its first phase's start), in one query."""
    pages = public_pages(
        ConsultationPage.objects.live().filter(commitments__translation_key=commitment.translation_key)
    )
    versions = {}
    for page in pages.annotate(launch_on=statuses.phase_date(Min, "start_date")).distinct():
        versions.setdefault(page.translation_key, []).append(page)
    shown = []
    for version in (pick_version(group) for group in versions.values()):
        version.record.shown_lang = version.lang
        shown.append(version.record)
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(
        shown,
        key=lambda page: (
            page.launch_on is not None,
            page.launch_on or datetime.date.min,
            page.first_published_at or oldest,
        ),
        reverse=True,
    )


@hooks.register(HOME_SECTIONS)
def consultation_home_sections():
    """What a resident can do this week, on the home page: open consultations, next meetings, reports, late ones."""
    return home.home_sections()


@hooks.register(SEARCH_KINDS)
def consultation_search_kinds():
    return [consultation_search.EventKind(), consultation_search.DrawKind()]

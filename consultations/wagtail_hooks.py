"""Admin registrations of the consultations core: territories (translatable snippet), random draws (performed in
the admin); what the consultations add to the charter's commitments. The rooms register their own
(consultations/label, consultations/decidim)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter_pages import extensions as charter
from consultations.forms import RandomDrawCreateForm, RandomDrawEditForm
from consultations.models import ConsultationPage, RandomDraw, Territory
from site_core.site_data import public_pages


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


@hooks.register(charter.COMMITMENT_USE_COUNTS)
def consultations_per_commitment(charter_page):
    """{commitment pk: live, public consultations that applied it} for one charter page, in one query."""
    relation = ConsultationPage._meta.get_field("commitments")
    consultation, commitment = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    rows = (
        relation.remote_field.through.objects.filter(
            **{
                f"{commitment}__chapter__page": charter_page,
                f"{consultation}__in": public_pages(ConsultationPage.objects.live()).values("pk"),
            }
        )
        .values(commitment)
        .annotate(count=Count("pk"))
    )
    return {row[commitment]: row["count"] for row in rows}


@hooks.register(charter.COMMITMENT_APPLIED_BY)
def consultations_applying(commitment):
    """The live, public consultations that apply `commitment`, the newest first, in one query."""
    return list(
        public_pages(ConsultationPage.objects.live().filter(commitments=commitment)).order_by("-first_published_at")
    )

"""The charter page: the authority's participation charter as a readable, checkable moral contract."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from site_core import public_address
from site_core.localised_routes import LocalisedRoutesMixin, localised_path
from site_core.models import BasePage
from site_core.page_pdf import PdfPageMixin

from .. import extensions, rules
from ..forms import CharterPageForm
from ..glossary_links import GlossaryMarker
from .glossary import GlossaryTerm
from .records import CharterChapter, CharterEdition, Commitment, ReciprocalCommitment

PICTOGRAM_FILTER = "max-160x160"

# The charter's sub-routes in each language's own words (see site_core/localised_routes.py for why a table).
ROUTES = {
    "easy_read": {"fr": "facile/", "en": "easy-read/", "nl": "eenvoudig/"},
    "print_version": {"fr": "imprimer/", "en": "print/", "nl": "afdrukken/"},
    "commitments": {"fr": "engagements/", "en": "commitments/", "nl": "engagementen/"},
    "commitment": {
        "fr": "engagements/<int:number>/",
        "en": "commitments/<int:number>/",
        "nl": "engagementen/<int:number>/",
    },
    # The charter as a PDF (site_core/page_pdf.py), a file's address (no final slash: site_core/urls.py).
    "pdf": {"fr": "charte.pdf/", "en": "charter.pdf/", "nl": "handvest.pdf/"},
}


class CharterPage(PdfPageMixin, LocalisedRoutesMixin, RoutablePageMixin, BasePage):
    localised_routes = ROUTES

    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("The “Why a contract” lead: in two or three sentences, what the charter commits both sides to."),
    )
    preamble = RichTextField(
        _("preamble"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("The charter's preamble: its history, who wrote it, what it is for."),
    )
    adoption_body = models.CharField(
        _("adopted by"),
        max_length=160,
        blank=True,
        help_text=_("The assembly that adopted the charter, for example “the metropolitan council”."),
    )
    adoption_date = models.DateField(
        _("adoption date"), null=True, blank=True, help_text=_("The date of the vote that adopted the charter.")
    )
    deliberation_reference = models.CharField(
        _("deliberation reference"),
        max_length=120,
        blank=True,
        help_text=_("The deliberation's reference number, for example “16 C 0789”."),
    )
    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("official charter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The official text of the charter, as voted (its format and size are shown)."),
    )
    easy_read_intro = models.TextField(
        _("easy-read introduction"),
        blank=True,
        help_text=_(
            "The introduction of the easy-to-read version: short sentences, one idea per sentence, one sentence "
            "per line."
        ),
    )
    easy_read_checked = models.BooleanField(
        _("easy-read text checked with readers"),
        default=False,
        help_text=_(
            "Tick only if the easy-to-read version was checked and approved by people with intellectual disabilities. "
            "Only then is the easy-to-read logo shown."
        ),
    )
    falc_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("easy-to-read logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The European “Easy to read” logo, shown only when the check with readers is ticked."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("preamble"),
        InlinePanel("chapters", heading=_("Chapters and commitments of the authority"), label=_("Chapter")),
        InlinePanel(
            "reciprocal_commitments",
            heading=_("What the authority asks of participants"),
            label=_("Reciprocal commitment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("adoption_body"),
                FieldPanel("adoption_date"),
                FieldPanel("deliberation_reference"),
                FieldPanel("official_document"),
            ],
            heading=_("Adoption record"),
        ),
        InlinePanel("editions", heading=_("Editions of the charter"), label=_("Edition")),
        MultiFieldPanel(
            [FieldPanel("easy_read_intro"), FieldPanel("easy_read_checked"), FieldPanel("falc_logo")],
            heading=_("Easy-read version"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("preamble"),
        index.RelatedFields(
            "chapters",
            [
                index.SearchField("title"),
                index.RelatedFields(
                    "commitments",
                    [index.SearchField("title"), index.SearchField("promise"), index.SearchField("evidence")],
                ),
            ],
        ),
        index.RelatedFields("reciprocal_commitments", [index.SearchField("title")]),
    ]
    search_result_kind = pgettext_lazy("search result", "Charter")

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    base_form_class = CharterPageForm

    class Meta:
        verbose_name = _("charter page")

    def get_context(self, request, *args, full_charter=True, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not full_charter:
            # A sub-route (a commitment, the easy-to-read version) brings its own texts: building the whole
            # contract as well would cost its queries for nothing.
            return context
        marker = GlossaryMarker(self.glossary_terms)
        editions = self.editions_by_date(request)
        context.update(
            {
                "lead_html": marker.mark(self.lead),
                "chapters": self.chapters_with_commitments(request, marker),
                "reciprocal_commitments": self.reciprocal_list(request, marker),
                "current_edition": editions[0] if editions else None,
                "earlier_editions": editions[1:],
                "glossary_terms": self.glossary_terms,
                "easy_read_url": self.url_for_route(request, "easy_read"),
                "print_url": self.url_for_route(request, "print_version"),
                "page_full_url": public_address.page_url(self),
                "pdf_link": self.pdf_link(request),
            }
        )
        return context

    def clean(self):
        super().clean()
        seen = set()
        duplicates = set()
        for chapter in self.chapters.all():
            for commitment in chapter.commitments.all():
                if commitment.number in seen:
                    duplicates.add(commitment.number)
                seen.add(commitment.number)
        if duplicates:
            numbers = ", ".join(str(number) for number in sorted(duplicates))
            raise ValidationError(
                _("Each commitment needs its own number; these numbers are used twice: %(numbers)s.")
                % {"numbers": numbers}
            )

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin.serve answers sub-routes without BasePage.serve: activate the page's language here too.
        self.activate_own_language(request)
        return super().serve(request, *args, **kwargs)

    @property
    def preview_modes(self):
        return [("", _("Full charter")), ("facile", _("Easy-to-read version"))]

    def serve_preview(self, request, mode_name):
        self.activate_own_language(request)
        if mode_name == "facile":
            return self.easy_read(request)
        return super().serve_preview(request, mode_name)

    # Routes ---------------------------------------------------------------------------------------------

    @localised_path(ROUTES, "print_version")
    def print_version(self, request):
        """The whole contract laid out as it prints, for browsers and readers without a print button."""
        return self.came_by_other_words(request, "print_version") or self.render(
            request, context_overrides={"print_view": True, **self.route_links(request, "print_version")}
        )

    def pdf_source_response(self, request):
        """The PDF is the printable version, without the link to itself."""
        return self.render(request, context_overrides={"print_view": True, "pdf_document": True, "pdf_link": None})

    @localised_path(ROUTES, "pdf")
    def pdf_view(self, request):
        return self.serve_pdf(request)

    @localised_path(ROUTES, "commitments")
    def commitments_index(self, request):
        return HttpResponsePermanentRedirect(f"{self.get_url(request)}#engagements")

    @localised_path(ROUTES, "commitment")
    def commitment_view(self, request, number):
        redirect = self.came_by_other_words(request, "commitment", number)
        if redirect is not None:
            return redirect
        commitment = (
            Commitment.objects.filter(chapter__page=self, number=number).select_related("chapter", "pictogram").first()
        )
        if commitment is None:
            return self.commitment_not_found(request, number)
        marker = GlossaryMarker(self.glossary_terms)
        commitment.promise_html = marker.mark(commitment.promise)
        commitment.citizen_meaning_html = marker.mark(commitment.citizen_meaning)
        commitment.evidence_html = marker.mark(commitment.evidence)
        measure = rules.measure_commitments([commitment])[commitment.pk]
        return self.render(
            request,
            full_charter=False,
            template="charter_pages/commitment_page.html",
            context_overrides={
                "commitment": commitment,
                "commitment_url": self.url_for_route(request, "commitment", number),
                "measure": measure,
                "today": timezone.localdate(),
                "consultations": self.consultations_applying(commitment, measure),
                "glossary_terms": marker.used,
                "easy_read_url": self.url_for_route(request, "easy_read"),
                **self.route_links(request, "commitment", number),
            },
        )

    def commitment_not_found(self, request, number):
        """A 404 that says what is wrong and lists the commitments that do exist, each at its address."""
        page_url = self.get_url(request) or ""
        commitments = list(Commitment.objects.filter(chapter__page=self).order_by("number").only("number", "title"))
        for commitment in commitments:
            commitment.permalink = page_url + self.reverse_subpage("commitment", args=[commitment.number])
        response = self.render(
            request,
            full_charter=False,
            template="charter_pages/commitment_not_found.html",
            context_overrides={"number": number, "commitments": commitments},
        )
        response.status_code = 404
        return response

    @localised_path(ROUTES, "easy_read")
    def easy_read(self, request):
        redirect = self.came_by_other_words(request, "easy_read")
        if redirect is not None:
            return redirect
        marker = GlossaryMarker(self.glossary_terms)
        chapters = self.chapters_with_commitments(request, marker, easy_read=True)
        reciprocal = self.reciprocal_list(request, marker, easy_read=True)
        return self.render(
            request,
            full_charter=False,
            template="charter_pages/charter_page_easy_read.html",
            context_overrides={
                "intro_lines": marker.mark_lines(self.easy_read_intro),
                "chapters": chapters,
                "reciprocal_commitments": reciprocal,
                "glossary_terms": marker.used,
                "show_falc_logo": self.easy_read_checked and self.falc_logo_id is not None,
                **self.route_links(request, "easy_read"),
            },
        )

    # Data for the templates (built here, in a bounded number of queries) --------------------------------

    @cached_property
    def glossary_terms(self):
        return list(GlossaryTerm.objects.filter(locale_id=self.locale_id).order_by("term"))

    def chapters_with_commitments(self, request, marker, easy_read=False):
        """Chapters in order, each with `commitments_list` in order; texts marked with the glossary."""
        if getattr(request, "is_preview", False):
            # A preview holds its (unsaved) chapters and commitments in memory.
            chapters = list(self.chapters.all())
            for chapter in chapters:
                chapter.commitments_list = list(chapter.commitments.all())
        else:
            commitments = Commitment.objects.order_by("sort_order")
            if easy_read:
                pictograms = get_image_model().objects.prefetch_renditions(PICTOGRAM_FILTER)
                commitments = commitments.prefetch_related(Prefetch("pictogram", queryset=pictograms))
            chapters = list(
                CharterChapter.objects.filter(page=self)
                .order_by("sort_order")
                .prefetch_related(Prefetch("commitments", queryset=commitments, to_attr="commitments_list"))
            )
        page_url = self.get_url(request) or ""
        applied = {} if easy_read else self.consultation_counts()
        for chapter in chapters:
            chapter.introduction_html = marker.mark(chapter.introduction)
            for commitment in chapter.commitments_list:
                commitment.permalink = page_url + self.reverse_subpage("commitment", args=[commitment.number])
                commitment.consultation_count = applied.get(commitment.pk, 0)
                if easy_read:
                    commitment.easy_read_lines = marker.mark_lines(commitment.easy_read_or_promise)
                else:
                    commitment.promise_html = marker.mark(commitment.promise)
                    commitment.citizen_meaning_html = marker.mark(commitment.citizen_meaning)
                    commitment.evidence_html = marker.mark(commitment.evidence)
        return chapters

    def reciprocal_list(self, request, marker, easy_read=False):
        if getattr(request, "is_preview", False):
            items = list(self.reciprocal_commitments.all())
        else:
            items = list(ReciprocalCommitment.objects.filter(page=self).order_by("sort_order"))
        for item in items:
            if easy_read:
                item.easy_read_lines = marker.mark_lines(item.easy_read_or_description)
            else:
                item.description_html = marker.mark(item.description)
        return items

    def editions_by_date(self, request):
        """Editions, the newest first."""
        if getattr(request, "is_preview", False):
            editions = list(self.editions.all())
        else:
            editions = list(CharterEdition.objects.filter(page=self).select_related("document"))
        return sorted(editions, key=lambda edition: edition.date, reverse=True)

    def consultation_counts(self):
        """{commitment pk: number of live, public pages (consultations) that applied it}, from the apps that fill
        the charter's COMMITMENT_USE_COUNTS hook."""
        counts = {}
        for count_uses in hooks.get_hooks(extensions.COMMITMENT_USE_COUNTS):
            for pk, count in count_uses(self).items():
                counts[pk] = counts.get(pk, 0) + count
        return counts

    @staticmethod
    def consultations_applying(commitment, measure=None):
        """Live, public pages (consultations) that say they apply `commitment`, from the apps that fill the
        charter's COMMITMENT_APPLIED_BY hook, each with `measure_detail`: its part in the commitment's rule, in
        plain words (matched by translation key: the measure counts each consultation once, in any language)."""
        details = {}
        if measure is not None:
            details = {str(row["check"].key): row["detail"] for row in measure.check_rows()}
        pages = [
            page for applied_by in hooks.get_hooks(extensions.COMMITMENT_APPLIED_BY) for page in applied_by(commitment)
        ]
        for page in pages:
            page.measure_detail = details.get(str(page.translation_key), "")
        return pages

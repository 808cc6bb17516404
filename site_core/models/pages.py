"""The site-wide page types: home, standard editorial page, accessibility statement."""

from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from site_core.blocks import BaseStreamBlock, HighlightBlock, HomeSectionsBlock
from site_core.home import built_sections, default_sections
from site_core.tree import deepest_match, specific_in_bulk

from .base import BasePage

# The renditions of a card image (srcset), fetched with the image so a listing does not query per card.
CARD_RENDITIONS = ("fill-480x270", "fill-960x540")


class HomePage(BasePage):
    # On the home page, not in the site's settings: a setting has one value for every language, and the header of
    # /en/ and /nl/ would show the French sentence. Translated with the page, like every text a visitor reads.
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_(
            "A sentence under the institution's name in the header of every page in this language, for example "
            "“Citizen participation, one commitment at a time”."
        ),
    )
    hero_title = models.CharField(
        _("hero title"),
        max_length=160,
        help_text=_("The large welcome sentence: what the site lets people do, in fewer than 15 words."),
    )
    hero_text = models.TextField(
        _("hero text"), blank=True, help_text=_("Two sentences at most, under the large welcome sentence.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Decorative image next to the welcome sentence: it must carry no information."),
    )
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What the institution promises residents, in everyday language."),
    )
    highlights = StreamField(
        [("highlight", HighlightBlock())],
        verbose_name=_("highlights"),
        blank=True,
        use_json_field=True,
        help_text=_("The pages to highlight (charter, open consultations, dashboard…), in order."),
    )
    sections = StreamField(
        HomeSectionsBlock(),
        verbose_name=_("sections of the week"),
        blank=True,
        default=default_sections,
        use_json_field=True,
        help_text=_(
            "The sections under the introduction, in this order: each is filled automatically from what is "
            "published (open consultations, next meetings, latest reports, late answers) or from the highlighted "
            "pages below. Drag them to change the order; delete one to hide it."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], _("Hero")),
        FieldPanel("introduction"),
        FieldPanel("sections"),
        FieldPanel("highlights"),
        FieldPanel("body"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("hero_text"), index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = built_sections(self, request, [block.value for block in self.sections])
        context["home_stylesheets"] = list(
            dict.fromkeys(section["stylesheet"] for section in context["home_sections"] if section.get("stylesheet"))
        )
        return context

    def route(self, request, path_components):
        """Find the deepest page matching the path in one query, instead of Wagtail's two per level; that page
        then routes what remains (a routable page's sub-route, or a 404). site_core/routing.py routes requests the
        same way without reading this page; this serves whatever asks Wagtail to route."""
        if not path_components:
            return super().route(request, path_components)
        deepest = deepest_match(self, path_components).first()
        if deepest is None:
            raise Http404
        remaining = path_components[deepest.depth - self.depth :]
        return deepest.specific.route(request, remaining)

    def highlight_cards(self):
        """The highlighted pages, fetched together (one query per page type) and skipping any not public; their
        listing images come in one more query with the renditions the cards use."""
        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import public_pages

        wanted = [block.value for block in self.highlights if block.value.get("page")]
        chosen = [(value["page"].pk, value["page"].content_type_id) for value in wanted]
        pages = specific_in_bulk(chosen, refine=lambda queryset: public_pages(queryset.live()))
        image_ids = {getattr(page, "listing_image_id", None) for page in pages.values()} - {None}
        images = (
            get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*CARD_RENDITIONS).in_bulk()
            if image_ids
            else {}
        )
        cards = []
        for value in wanted:
            page = pages.get(value["page"].pk)
            if page is None:
                continue
            cards.append(
                {
                    "page": page,
                    "title": value.get("title") or getattr(page, "card_title", page.title),
                    "text": value.get("text") or getattr(page, "listing_summary", ""),
                    "image": images.get(getattr(page, "listing_image_id", None)),
                }
            )
        return cards


class StandardPage(BasePage):
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("The standfirst: what the page explains, in one or two sentences.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [*BasePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = ["site_core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(BasePage):
    """The statement the RGAA requires: conformity, what is not accessible and why, how to get help or appeal."""

    TOTAL = "total"
    PARTIAL = "partial"
    NONE = "none"
    CONFORMITY_CHOICES = [
        (TOTAL, _("fully compliant")),
        (PARTIAL, _("partially compliant")),
        (NONE, _("not compliant")),
    ]

    site_name = models.CharField(
        _("site name"), max_length=160, help_text=_("The name of the site the statement covers.")
    )
    statement_date = models.DateField(
        _("statement date"), help_text=_("Date on which the statement was drawn up or last updated.")
    )
    conformity_status = models.CharField(
        _("conformity status"),
        max_length=10,
        choices=CONFORMITY_CHOICES,
        default=NONE,
        help_text=_(
            "Fully compliant: 100% of the RGAA criteria met. Partially: at least 50%. Not compliant: under 50%, or no "
            "valid audit."
        ),
    )
    compliance_rate = models.DecimalField(
        _("compliance rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Average compliance rate measured by the audit, as a percentage (for example 78.5)."),
    )
    audit_date = models.DateField(_("audit date"), null=True, blank=True)
    auditor = models.CharField(
        _("auditor"),
        max_length=160,
        blank=True,
        help_text=_("Who carried out the audit: an outside organisation or an internal department."),
    )
    audit_scope = RichTextField(
        _("pages and tools used for the audit"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("The sample of pages audited, and the technologies, browsers and screen readers used."),
    )
    non_conformities = RichTextField(
        _("non-compliant content"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("The criteria not met and what they mean for people, in everyday language."),
    )
    exemptions = RichTextField(
        _("exemptions"), blank=True, features=["bold", "link", "ul"], help_text=_("Exempted content and why.")
    )
    disproportionate_burden = RichTextField(
        _("disproportionate burden"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_(
            "Content not made accessible because of a disproportionate burden, with the justification and the "
            "alternative."
        ),
    )
    multi_year_plan = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("multi-year accessibility plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The multi-year accessibility plan (required)."),
    )
    action_plan = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("current action plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The action plan for the current year."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        help_text=_("Address to report an accessibility problem and get the content in another form."),
    )
    contact_address = models.TextField(_("contact postal address"), blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a contact form page."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("statement_date")], _("Scope")),
        MultiFieldPanel(
            [
                FieldPanel("conformity_status"),
                FieldPanel("compliance_rate"),
                FieldPanel("audit_date"),
                FieldPanel("auditor"),
                FieldPanel("audit_scope"),
            ],
            _("Conformity"),
        ),
        MultiFieldPanel(
            [FieldPanel("non_conformities"), FieldPanel("exemptions"), FieldPanel("disproportionate_burden")],
            _("Content that is not accessible"),
        ),
        MultiFieldPanel([FieldPanel("multi_year_plan"), FieldPanel("action_plan")], _("Plans")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_address"), FieldPanel("contact_page")], _("Feedback")
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("non_conformities")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")

    @cached_property
    def status_word(self):
        return self.get_conformity_status_display()

"""The pages French law asks of a public site: legal notice (LCEN art. 6), personal data (GDPR art. 13), site map."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_core.blocks import CookieBlock, ProcessingBlock

from .base import BasePage

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]

siren_validator = RegexValidator(
    r"^\d{9}$", _("A SIREN number has exactly 9 digits, without spaces (for example 200012345).")
)


class LegalNoticePage(BasePage):
    """Mentions légales: who publishes the site, who answers for it, who hosts it, and who owns its content."""

    publisher_name = models.CharField(
        _("publisher"), max_length=160, help_text=_("The official name of the authority that publishes the site.")
    )
    publisher_status = models.CharField(
        _("legal status"),
        max_length=200,
        blank=True,
        help_text=_("Its legal form, for example “public body for inter-municipal cooperation”."),
    )
    publisher_address = models.TextField(
        _("publisher's address"), help_text=_("The address of its head office, one line per address line.")
    )
    publisher_siren = models.CharField(
        _("SIREN number"),
        max_length=9,
        validators=[siren_validator],
        help_text=_("The 9 digits of the authority's SIREN number, without spaces."),
    )
    publisher_phone = models.CharField(_("publisher's telephone"), max_length=40)
    publisher_email = models.EmailField(
        _("publisher's e-mail"), blank=True, help_text=_("The publisher's contact address (optional).")
    )
    director_name = models.CharField(
        _("director of publication"),
        max_length=160,
        help_text=_("The person responsible for what is published: usually the head of the authority."),
    )
    director_role = models.CharField(
        _("director's position"),
        max_length=200,
        help_text=_("Their position, for example “President of the Métropole”."),
    )
    host_name = models.CharField(
        _("host"), max_length=160, help_text=_("The company or department that hosts the site.")
    )
    host_address = models.TextField(_("host's address"), help_text=_("The host's address, one line per address line."))
    host_phone = models.CharField(_("host's telephone"), max_length=40)
    intellectual_property = RichTextField(
        _("intellectual property"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Who holds the rights to the texts, images and logos, and what anyone may reuse."),
    )
    credits = RichTextField(
        _("credits"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Design, development, photographs, illustrations, free software used."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("publisher_name"),
                FieldPanel("publisher_status"),
                FieldPanel("publisher_address"),
                FieldPanel("publisher_siren"),
                FieldPanel("publisher_phone"),
                FieldPanel("publisher_email"),
            ],
            _("Publisher"),
        ),
        MultiFieldPanel([FieldPanel("director_name"), FieldPanel("director_role")], _("Director of publication")),
        MultiFieldPanel([FieldPanel("host_name"), FieldPanel("host_address"), FieldPanel("host_phone")], _("Host")),
        FieldPanel("intellectual_property"),
        FieldPanel("credits"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("publisher_name"),
        index.SearchField("host_name"),
        index.SearchField("intellectual_property"),
    ]

    # Identifiers and numbers are the same in every language: translators never retype them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("publisher_siren", "publisher_phone", "publisher_email", "host_phone")
    ]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal notice")

    @property
    def siren_display(self):
        """The SIREN as it is printed on official documents: three groups of three digits."""
        digits = self.publisher_siren
        return " ".join(digits[index : index + 3] for index in range(0, len(digits), 3))


class PersonalDataPage(BasePage):
    """The information GDPR article 13 requires, and the cookies the site sets."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("The standfirst: what the page explains, in one or two sentences.")
    )
    last_updated = models.DateField(
        _("last updated"), help_text=_("When this information was last brought up to date.")
    )
    controller_name = models.CharField(
        _("data controller"),
        max_length=200,
        help_text=_("Who is responsible for the processing: the authority, represented by its head."),
    )
    controller_address = models.TextField(_("controller's address"), help_text=_("One line per address line."))
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=200,
        help_text=_("The data protection officer: a person or a department."),
    )
    dpo_email = models.EmailField(
        _("data protection officer's e-mail"),
        help_text=_("The address people write to in order to exercise their rights."),
    )
    dpo_address = models.TextField(
        _("data protection officer's postal address"),
        blank=True,
        help_text=_("For people who write by post, one line per address line."),
    )
    processings = StreamField(
        [("processing", ProcessingBlock())],
        verbose_name=_("processing of personal data"),
        use_json_field=True,
        help_text=_("One block per processing: purpose, legal basis, data, recipients, retention period."),
    )
    rights_exercise = RichTextField(
        _("how to exercise these rights"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What the person sends, to whom, and how soon they get an answer (one month, extendable by two)."),
    )
    cookies = StreamField(
        [("cookie", CookieBlock())],
        verbose_name=_("cookies"),
        blank=True,
        use_json_field=True,
        help_text=_("Every cookie the site sets, technical ones included. Check them whenever the site changes."),
    )
    cookies_consent = RichTextField(
        _("why no consent is asked"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Why no banner asks for consent: the cookies are strictly necessary (the CNIL's exemption). "
            "If an audience-measurement or third-party cookie is ever added, this answer changes."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("last_updated"),
        MultiFieldPanel([FieldPanel("controller_name"), FieldPanel("controller_address")], _("Data controller")),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_email"), FieldPanel("dpo_address")],
            _("Data protection officer"),
        ),
        FieldPanel("processings"),
        FieldPanel("rights_exercise"),
        MultiFieldPanel([FieldPanel("cookies"), FieldPanel("cookies_consent")], _("Cookies")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("processings"),
        index.SearchField("cookies"),
    ]

    override_translatable_fields = [SynchronizedField("dpo_email", overridable=False)]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("personal data page")


class SiteMapPage(BasePage):
    """The plan du site the RGAA expects: every public page of this language, as a nested list following the tree."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Optional: a sentence above the site map.")
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("site map")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_tree"] = self.page_tree(request)
        return context

    def page_tree(self, request):
        """[{"title", "url", "children"}] from this page's home down: the live, public pages, read in one query."""
        from site_core.site_data import public_pages

        home_path = self.path[: -self.steplen]
        pages = public_pages(Page.objects.live().filter(path__startswith=home_path)).only(
            "id", "title", "url_path", "path", "depth"
        )
        nodes = {}
        roots = []
        for page in pages.order_by("path"):
            node = {"title": page.title, "url": page.get_url(request), "children": []}
            nodes[page.path] = node
            parent = nodes.get(page.path[: -self.steplen])
            # Ordered by path, a parent always comes first; a page whose parent is hidden is hidden with it.
            if parent is not None:
                parent["children"].append(node)
            elif page.path == home_path:
                roots.append(node)
        return roots

"""The abstract page every Pacte page type extends: listing, SEO and social fields, breadcrumbs, alternates."""

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

# What breadcrumbs and language links read of a page: kept as plain rows, turned back into unsaved-looking pages.
# In Page's field order, as Model.from_db reads them.
ANCESTOR_FIELDS = ("id", "depth", "locale_id", "title", "url_path")  # what a preview's breadcrumbs read
TRANSLATION_FIELDS = ("id", "path", "depth", "translation_key", "locale_id", "title", "content_type_id", "url_path")


class BasePage(Page):
    listing_title = models.CharField(
        _("listing title"),
        max_length=120,
        blank=True,
        help_text=_("Short title shown in lists and cards. Leave empty to use the title."),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences that say what people will find on the page. Used in lists, in search results and as "
            "the description when the SEO description is empty."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Image for cards and lists. Its alternative text comes from the media library."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Image shown when the page is shared (1200 × 630 px recommended)."),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("In lists and cards"),
        ),
        MultiFieldPanel([FieldPanel("social_image")], heading=_("On social networks")),
        FieldPanel("show_in_menus"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def meta_description(self):
        return self.search_description or self.listing_summary

    @cached_property
    def breadcrumb_ancestors(self):
        """The pages above this one, from the home page down (the tree root is never shown)."""
        if not self.pk:  # a page being created and previewed has no key yet: nothing to share
            return list(self.get_ancestors().filter(depth__gt=1).order_by("path").only(*ANCESTOR_FIELDS))
        rows = self.tree_neighbours["ancestors"]
        return [Page.from_db("default", TRANSLATION_FIELDS, row) for row in rows]

    @cached_property
    def live_translations(self):
        """This page in every language it is published in (itself included), for hreflang and the switcher."""
        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import locales, public_pages

        if not self.pk:
            return list(public_pages(self.get_translations(inclusive=True).live()).select_related("locale"))
        by_id = {locale.pk: locale for locale in locales().values()}
        pages = [Page.from_db("default", TRANSLATION_FIELDS, row) for row in self.tree_neighbours["translations"]]
        for page in pages:
            page.locale = by_id[page.locale_id]
        return pages

    @cached_property
    def tree_neighbours(self):
        """{"ancestors", "translations"}: the rows breadcrumbs and language links read, in one query kept per
        content generation (plain rows in TRANSLATION_FIELDS order). Translations: live and public only."""
        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import remember, restricted_paths

        def build():
            ancestor_paths = [self.path[:end] for end in range(Page.steplen * 2, len(self.path), Page.steplen)]
            translations = Q(translation_key=self.translation_key, live=True)
            for path in restricted_paths():
                translations &= ~Q(path__startswith=path)
            rows = Page.objects.filter(Q(path__in=ancestor_paths) | translations).order_by("path")
            rows = list(rows.values_list(*TRANSLATION_FIELDS))
            return {
                "ancestors": [row for row in rows if row[1] in ancestor_paths],
                "translations": [row for row in rows if row[1] not in ancestor_paths],
            }

        return remember(f"tree-neighbours:{self.pk}", build)

    def get_view_restrictions(self):
        # Wagtail queries the page's and its ancestors' restrictions on every request; the list of restricted
        # paths, cached per content generation, answers the common case (no restriction above) without a query.
        from wagtail.models import PageViewRestriction

        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import aliases_exist, is_public

        if not aliases_exist() and is_public(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def activate_own_language(self, request):
        """Render this page wholly in its own language. A tree with no translation for the requested language
        falls back to the default language's pages: never French content in a Dutch frame."""
        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import locales

        by_id = {locale.pk: code for code, locale in locales().items()}
        language = by_id.get(self.locale_id)
        if language and language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def serve(self, request, *args, **kwargs):
        self.activate_own_language(request)
        return super().serve(request, *args, **kwargs)

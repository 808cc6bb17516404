"""The sitemap, through Wagtail's sitemap framework: every live, public page of the site in every language, each
with its translations as hreflang alternates (Wagtail's own lists the default site's one language tree only)."""

from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from site_core import public_address
from site_core.site_data import public_pages

PAGE_FIELDS = ("id", "url_path", "translation_key", "last_published_at", "locale__language_code", "depth", "path")


class PagesSitemap(Sitemap):
    def items(self):
        return self.pages

    @cached_property
    def pages(self):
        """Every language's tree under the site's root page and its translations, in one query (no page models:
        a sitemap needs addresses, not content)."""
        tree = Page.objects.none()
        for root in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            tree = tree | Page.objects.descendant_of(root, inclusive=True)
        return list(public_pages(tree.live()).select_related("locale").only(*PAGE_FIELDS).order_by("path"))

    @cached_property
    def translations(self):
        by_key = {}
        for page in self.pages:
            by_key.setdefault(page.translation_key, []).append(page)
        return by_key

    def _urls(self, page, protocol, domain):
        """Wagtail's entries (location, lastmod), with the alternates Django's sitemap template writes; addresses
        from the site's one public address, never from the request's host."""
        urls = [
            {
                "item": item,
                "location": public_address.page_url(item),
                "lastmod": item.last_published_at,
                "alternates": [
                    {"lang_code": other.locale.language_code, "location": public_address.page_url(other)}
                    for other in self.translations[item.translation_key]
                ],
            }
            for item in self.paginator.page(page).object_list
        ]
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls

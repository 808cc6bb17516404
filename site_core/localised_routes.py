"""Routable pages' sub-routes in each language's own words (/fr/charte/facile/, /en/charter/easy-read/).

A table rather than gettext: these are addresses that paper, other sites and other pages link to, so rewording a
translation must never move them. Every language's words are routed on every page and lead (301) to the page's own:
French ones came first and are on paper, so /en/charter/engagements/3/ must keep working. A language missing from a
table uses French words."""

from django.http import HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from wagtail.contrib.routable_page.models import path

from site_core import public_address

ROUTE_LANGUAGE_FALLBACK = "fr"


def localised_path(table, name):
    """Wagtail's @path once per language of `table[name]`, each route named "<name>-<language>". Callers reverse
    the plain name: LocalisedRoutesMixin.reverse_subpage adds the page's language."""

    def decorator(view):
        for language, pattern in table[name].items():
            view = path(pattern, name=f"{name}-{language}")(view)
        return view

    return decorator


def file_address(url):
    """A file route ("…/entries.txt/", as Wagtail reverses it) written as a file's address, without the final slash
    (site_core/urls.py serves such addresses); other addresses unchanged."""
    if url.endswith("/") and "." in url.rstrip("/").rsplit("/", 1)[-1]:
        return url[:-1]
    return url


class LocalisedRoutesMixin:
    """For a RoutablePageMixin page whose `localised_routes` is {route name: {language: pattern}}: reverse, link and
    redirect its sub-routes in the page's own language's words."""

    localised_routes = {}

    @cached_property
    def language_code(self):
        # Here, not at the top: site_core.site_data imports site_core.models (an import cycle).
        from site_core.site_data import locales

        codes = {locale.pk: code for code, locale in locales().items()}
        return codes.get(self.locale_id) or self.locale.language_code

    @classmethod
    def route_language(cls, name, language_code):
        return language_code if language_code in cls.localised_routes[name] else ROUTE_LANGUAGE_FALLBACK

    def reverse_subpage(self, name, args=None, kwargs=None):
        """Reverse a sub-route by its plain name ("commitment") in this page's language's words."""
        if name in self.localised_routes:
            name = f"{name}-{self.route_language(name, self.language_code)}"
        return super().reverse_subpage(name, args=args, kwargs=kwargs)

    @classmethod
    def route_path(cls, name, *args, language):
        """The sub-route's path after the page's URL, in `language`'s words: "commitments/3/"."""
        return cls.get_resolver().reverse(f"{name}-{cls.route_language(name, language)}", *args).lstrip("/")

    def url_for_route(self, request, name, *args):
        page_url = self.get_url(request) or ""
        return file_address(page_url + self.reverse_subpage(name, args=args).lstrip("/"))

    def came_by_other_words(self, request, name, *args):
        """A permanent redirect to this page's own words for the sub-route when the request used another
        language's (French words on an English page: links printed before sub-routes were translated); None when
        it came by the page's own words, or from a preview."""
        match = getattr(request, "routable_resolver_match", None)
        if match is None or not (match.url_name or "").startswith(f"{name}-"):
            return None
        came_by = self.route_language(name, match.url_name.rsplit("-", 1)[1])
        if came_by == self.route_language(name, self.language_code):
            return None
        target = self.url_for_route(request, name, *args)
        if target == request.path:  # two languages sharing a word: nothing to correct
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    def route_links(self, request, name, *args):
        """What a sub-route's template needs to point at the same sub-route in each language: the canonical URL,
        hreflang alternates, and `route_paths` ({language: path after that translation's URL}) for the language
        switcher. Built from the page's translations, already loaded for the page itself."""
        own_path = self.route_path(name, *args, language=self.language_code)
        alternates = []
        route_paths = {}
        for other in self.live_translations:
            code = other.locale.language_code
            route_paths[code] = self.route_path(name, *args, language=code)
            alternates.append({"language": code, "url": public_address.page_url(other) + route_paths[code]})
            if code == ROUTE_LANGUAGE_FALLBACK:
                alternates.append({**alternates[-1], "language": "x-default"})
        return {
            "route_paths": route_paths,
            "canonical_url": public_address.page_url(self) + own_path,
            "alternate_links": alternates,
        }

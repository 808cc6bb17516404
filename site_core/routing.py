"""Wagtail's page serving without its look-ups on every request.

For each request Wagtail reads the Site matching the host, the active Locale, the site's root page in that
language and its specific row, then walks the tree to the page: five queries before the page does anything. Here
the Site (with its root page in each language) is kept per host and the page an address leads to per address, as
plain values (ids and paths) per content generation (`remember()`); a request then reads only the page itself.

Nothing about who may see a page is kept: the page read is checked as Wagtail checks it (`route()` answers only
for a live page, the `before_serve_page` hooks apply view restrictions), and every publication, unpublication,
move or deletion moves the generation on, so an address never leads to a page it no longer leads to.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from site_core.cache import QUERY_CACHE_ALIAS
from site_core.site_data import locales, remember
from site_core.tree import address_prefixes

# In Site's and Page's field order, as Model.from_db reads them.
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
ROOT_FIELDS = ("id", "path", "depth", "translation_key", "locale_id", "live", "content_type_id", "url_path")
NOT_FOUND = ()  # remember() keeps no None: an address that leads nowhere is kept as this


def site_for_request(request):
    """Wagtail's Site for this request's host (Site.find_for_request) with its root page's tree fields, from plain
    values kept per host; None when no site answers. Host names are what visitors send: kept in the bounded cache."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    kept = remember(f"site:{hostname}:{port}", lambda: site_values(request), using=QUERY_CACHE_ALIAS)
    if not kept:
        return None
    site = Site.from_db("default", SITE_FIELDS, kept[0])
    site.root_page = Page.from_db("default", ROOT_FIELDS, kept[1])
    return site


def site_values(request):
    site = Site._find_for_request(request)  # Wagtail's own matching; it reads the root page with the site
    if site is None:
        return NOT_FOUND
    return ([getattr(site, name) for name in SITE_FIELDS], [getattr(site.root_page, name) for name in ROOT_FIELDS])


def localized_root_path(site):
    """The internal address of the site's root page in the active language (Wagtail's `root_page.localized`
    before its live check): from Wagtail's list of site root paths, which page addresses read anyway."""
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = None
    if language not in locales():  # Locale.get_active() falls back to the default locale
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return site.root_page.url_path


def locate(site, components):
    """[page id, content type id, the path components the page routes itself] for this address, or NOT_FOUND.

    One query reads every page the address may lead to from the root page in the active language and, should that
    translation not be live, from the root page itself (Wagtail's `localized`); then, as Wagtail's own walk
    would, a routable root routes the whole path, else the deepest page found routes what remains (HomePage.route
    and site_core.tree.deepest_match do the same once the root page is read)."""
    roots = [localized_root_path(site), site.root_page.url_path]
    wanted = {path: set(address_prefixes(path, components)) for path in roots}
    rows = Page.objects.filter(url_path__in=set(roots).union(*wanted.values())).values_list(
        "id", "path", "depth", "content_type_id", "live", "url_path"
    )
    by_address = {row[-1]: row for row in rows}
    localized = by_address.get(roots[0])
    root_address = roots[0] if localized is not None and localized[4] else roots[1]
    if root_address not in by_address:
        return NOT_FOUND
    root_id, root_path, root_depth, root_type = by_address[root_address][:4]
    root_class = ContentType.objects.get_for_id(root_type).model_class()
    if not components or root_class is None or issubclass(root_class, RoutablePageMixin):
        return [root_id, root_type, components]
    below = [
        row
        for address, row in by_address.items()
        if address in wanted[root_address] and row[1].startswith(root_path) and row[2] > root_depth
    ]
    if not below:
        return NOT_FOUND
    page_id, _path, depth, content_type_id, _live, _address = max(below, key=lambda row: row[2])
    return [page_id, content_type_id, components[depth - root_depth :]]


def route_for_request(request, path):
    """What Wagtail's Page.route_for_request answers (a RouteResult, or None for a 404), reading one page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    address = hashlib.sha256("/".join(components).encode()).hexdigest()
    key = f"route:{site.pk}:{translation.get_language()}:{address}"
    found = remember(key, lambda: locate(site, components), using=QUERY_CACHE_ALIAS)
    if not found:
        return None
    page_id, content_type_id, remaining = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model._default_manager.filter(pk=page_id).first() if model is not None else None
    if page is None:
        return None
    try:
        return page.route(request, remaining)
    except Http404:
        return None


class PageRoutingMiddleware:
    """Give Wagtail the request's Site and, for its page view, the page's route, so that it looks neither up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            request._wagtail_route_for_request = route_for_request(request, path)

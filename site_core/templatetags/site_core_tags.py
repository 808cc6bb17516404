"""Template tags for the site-wide parts: menus, language switcher, accessibility status, file details."""

import os

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.models import Locale, Site

from site_core.models import AccessibilityStatementPage, NavigationMenu

register = template.Library()


@register.simple_tag
def navigation_menu(location):
    """The menu for `location` in the active language (two queries), or None."""
    return NavigationMenu.for_location(location)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: to this page's translation when it is published, else to that language's home."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    homes = {}
    if site is not None:
        homes = {
            home.locale.language_code: home
            for home in site.root_page.get_translations(inclusive=True).live().select_related("locale")
        }
    translations = {}
    if page is not None and hasattr(page, "live_translations"):
        translations = {other.locale.language_code: other for other in page.live_translations}
    current = translation.get_language()
    # A routable page's sub-route (the charter's easy-to-read version, a commitment) sets `route_path`: the link
    # then leads to the same sub-route of the translation.
    route_path = context.get("route_path") or ""
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        url = target.get_url(request)
        if route_path and code in translations:
            url = f"{url}{route_path}"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
            }
        )
    return links


@register.simple_tag
def accessibility_statement():
    """The accessibility statement of the active language (or the default one), for the footer link."""
    statements = {
        page.locale_id: page
        for page in AccessibilityStatementPage.objects.live()
        .public()
        .filter(locale__in=[Locale.get_active(), Locale.get_default()])
        .only("id", "title", "url_path", "conformity_status", "locale_id")
    }
    return statements.get(Locale.get_active().pk) or statements.get(Locale.get_default().pk)


@register.filter
def file_extension(document):
    """The file type of a Wagtail document, as readers say it: "PDF", "ODT"."""
    return os.path.splitext(document.file.name)[1].lstrip(".").upper()


@register.filter
def file_size(document):
    """The document's size ("1.2 MB"), or an empty string when the file is missing."""
    size = document.get_file_size()
    return filesizeformat(size) if size else ""


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language (the site's root page when it has no translation)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.localized if site else None

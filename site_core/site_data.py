"""What every page's header and footer show (menus, home pages, languages, accessibility status) and which pages
are private, read once per content generation instead of on every request.

The generation is the counter of site_core/cache.py: any published change moves it on, so these values are
never stale.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from site_core.cache import current_generation
from site_core.models import (
    AccessibilityStatementPage,
    LegalNoticePage,
    NavigationMenu,
    NavigationMenuItem,
    PersonalDataPage,
    SiteMapPage,
)

# The pages every footer links to, in this order, each in the reader's language when it is published in it.
LEGAL_PAGE_TYPES = (LegalNoticePage, PersonalDataPage, SiteMapPage)

SHARED_SECONDS = 3600
_in_process = {}  # name -> (token, value): see remember(in_process=True)


def remember(name, build, seconds=SHARED_SECONDS, *, variant="", in_process=False, using="default"):
    """`build()`, kept in the cache `using` until published content changes (its key carries the generation), or
    for `seconds` at most. `variant` (a date, say) also changes the key, without multiplying the values kept.

    With `in_process`, the value stays in this process's memory and the cache only holds a token that says it
    is still valid: for thousands of small objects, unpickling from the cache costs as much as building them.
    Each process builds its own copy once per token; clearing the cache invalidates every copy."""
    key = f"pacte:{name}:{variant}:{current_generation()}"
    cache = caches[using]
    if not in_process:
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, seconds)
        return value
    token = cache.get(key)
    kept = _in_process.get(name)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1]
    value = build()
    if token is None:
        token = secrets.token_hex(8)
        cache.set(key, token, seconds)
    _in_process[name] = (token, value)  # by name: a new generation or variant replaces the old value
    return value


def restricted_paths():
    """Tree paths of the pages under a view restriction (they and their descendants are private)."""
    return _privacy()["restricted_paths"]


def aliases_exist():
    """Whether any page is an alias: Wagtail then resolves restrictions through the alias's source."""
    return _privacy()["aliases_exist"]


def _privacy():
    return remember(
        "privacy",
        lambda: {
            "restricted_paths": list(PageViewRestriction.objects.values_list("page__path", flat=True)),
            "aliases_exist": Page.objects.filter(alias_of__isnull=False).exists(),
        },
    )


def public_pages(queryset):
    """`queryset` without private pages: Wagtail's .public() without its query on every call."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def is_public(page):
    return not any(page.path.startswith(path) for path in restricted_paths())


def locales():
    """{language code: Locale}, read once per generation."""
    return remember("locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()})


def active_locale():
    all_locales = locales()
    return all_locales.get(translation.get_language()) or all_locales.get(Locale.get_default().language_code)


def site_chrome(request):
    """Menus, home pages and the accessibility statement for the request's site and language (plain values)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"homes": {}, "menus": {}, "statement": None, "legal_links": []}
    return remember(f"chrome:{site.pk}:{translation.get_language()}", lambda: build_chrome(site, request))


def build_chrome(site, request):
    homes = {
        home.locale.language_code: home.get_url(request)
        for home in public_pages(site.root_page.get_translations(inclusive=True).live().select_related("locale"))
    }
    wanted = [locale for locale in (active_locale(), Locale.get_default()) if locale is not None]
    menus = {}
    items = (
        NavigationMenuItem.objects.filter(menu__locale__in=wanted)
        .filter(Q(page__isnull=True) | Q(page__in=public_pages(Page.objects.live())))
        .select_related("page", "menu")
        .order_by("sort_order")
    )
    by_menu = {}
    for item in items:
        by_menu.setdefault((item.menu.location, item.menu.locale_id), []).append(
            {
                "text": item.text,
                "url": item.page.get_url(request) if item.page_id else item.external_url,
                "page_id": item.page_id,
            }
        )
    for location, _label in NavigationMenu.LOCATIONS:
        for locale in wanted:
            if (location, locale.pk) in by_menu:
                menus[location] = by_menu[(location, locale.pk)]
                break
    statements = {
        page.locale_id: page
        for page in public_pages(AccessibilityStatementPage.objects.live().filter(locale__in=wanted)).only(
            "id", "title", "url_path", "conformity_status", "locale_id"
        )
    }
    statement = next((statements[locale.pk] for locale in wanted if locale.pk in statements), None)
    return {
        "homes": homes,
        "menus": menus,
        "legal_links": legal_links(wanted, request),
        "statement": {"url": statement.get_url(request), "status_word": str(statement.status_word)}
        if statement
        else None,
    }


def legal_links(wanted, request):
    """The footer's links to the legal notice, personal-data page and site map: [{"text", "url", "lang"}], each
    page in the first of the `wanted` locales it is published in; `lang` is set when that is not the active
    language, so a screen reader reads a French title on /en/ in French."""
    pages = public_pages(
        Page.objects.live().type(*LEGAL_PAGE_TYPES).filter(locale__in=wanted).select_related("locale")
    ).only("id", "title", "url_path", "content_type_id", "locale__language_code")
    found = {(page.content_type_id, page.locale_id): page for page in pages}
    current = translation.get_language()
    links = []
    for model in LEGAL_PAGE_TYPES:
        content_type_id = ContentType.objects.get_for_model(model).pk  # cached by Django after the first call
        page = next((found[key] for key in ((content_type_id, locale.pk) for locale in wanted) if key in found), None)
        if page is not None:
            code = page.locale.language_code
            links.append({"text": page.title, "url": page.get_url(request), "lang": "" if code == current else code})
    return links

"""What every page's header and footer show (menus, home pages, languages, accessibility status), read once per
content generation instead of on every request, and `remember()`, the one way to keep such values.

The generation is the counter of site_core/cache.py: any published change moves it on, so these values are
never stale. They are plain values only (see `plain`), under a key that carries PACTE_CACHE_VERSION: a deploy
never unpickles objects whose class has changed since they were stored.
"""

import datetime
import decimal
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db.models import F, Q
from django.utils import translation
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

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
# fn() -> page models a domain app adds to every footer, after the legal pages (the open-data page): site_core
# links them without importing their app.
FOOTER_PAGE_TYPES = "site_footer_page_types"


def footer_page_types():
    return (*LEGAL_PAGE_TYPES, *(model for function in hooks.get_hooks(FOOTER_PAGE_TYPES) for model in function()))


SHARED_SECONDS = 3600
# What remember() keeps: values that unpickle the same whatever the code (no model instance, no class of ours).
PLAIN_SCALARS = (type(None), bool, int, float, str, bytes, datetime.date, datetime.datetime, decimal.Decimal, uuid.UUID)
PLAIN_CONTAINERS = (list, tuple, set, frozenset, dict)


def remember(name, build, seconds=SHARED_SECONDS, *, variant="", using="default"):
    """`build()`, kept in the cache `using` until published content changes (its key carries the generation), or
    for `seconds` at most. `variant` (a date, say) also changes the key, without multiplying the values kept.
    What `build()` returns must be plain (see `plain`): callers turn it back into what they show."""
    key = f"pacte:{name}:{variant}:{current_generation()}"
    cache = caches[using]
    value = cache.get(key, version=settings.PACTE_CACHE_VERSION)
    if value is None:
        value = build()
        if not plain(value):
            raise TypeError(f"remember({name!r}) keeps plain values only, not {type(value).__name__} or what it holds")
        cache.set(key, value, seconds, version=settings.PACTE_CACHE_VERSION)
    return value


def plain(value):
    """Whether `value` is made only of built-in scalars, dates and built-in containers (exactly those types: a
    named tuple, a dataclass, an enum or a model instance is refused)."""
    kind = type(value)
    if kind in PLAIN_SCALARS:
        return True
    if kind is dict:
        return all(plain(key) and plain(item) for key, item in value.items())
    if kind in PLAIN_CONTAINERS:
        return all(plain(item) for item in value)
    return False


def in_field_order(model, names):
    """`names` in `model`'s field order: Model.from_db reads a partial row's values in that order."""
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)


def restricted_paths():
    """Tree paths of the pages under a view restriction (they and their descendants are private)."""
    return _privacy()["restricted_paths"]


def aliases_exist():
    """Whether any page is an alias: Wagtail then resolves restrictions through the alias's source."""
    return _privacy()["aliases_exist"]


def _privacy():
    def build():
        # One query for both: the pages under a restriction and the aliases (rows with neither are not read).
        rows = Page.objects.filter(Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False)).values_list(
            "path", "alias_of_id", "view_restrictions__id"
        )
        return {
            "restricted_paths": sorted({path for path, _alias, restriction in rows if restriction is not None}),
            "aliases_exist": any(alias is not None for _path, alias, _restriction in rows),
        }

    return remember("privacy", build)


def public_pages(queryset):
    """`queryset` without private pages: Wagtail's .public() without its query on every call."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def is_public(page):
    return not any(page.path.startswith(path) for path in restricted_paths())


def locales():
    """{language code: Locale}, read once per generation."""
    rows = remember("locales", lambda: list(Locale.objects.values_list("pk", "language_code")))
    return {code: Locale.from_db("default", ("id", "language_code"), (pk, code)) for pk, code in rows}


def default_locale():
    """The default language's Locale, from `locales()` (Locale.get_default() queries on every call)."""
    return locales().get(get_supported_content_language_variant(settings.LANGUAGE_CODE))


def active_locale():
    return locales().get(translation.get_language()) or default_locale()


def site_chrome(request):
    """Menus, home pages and the accessibility statement for the request's site and language (plain values)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"homes": {}, "taglines": {}, "menus": {}, "statement": None, "legal_links": []}
    return remember(f"chrome:{site.pk}:{translation.get_language()}", lambda: build_chrome(site, request))


def build_chrome(site, request):
    wanted = [locale for locale in (active_locale(), default_locale()) if locale is not None]
    pages = chrome_pages(site, wanted)
    return {
        "homes": {
            page.locale.language_code: page.get_url(request)
            for page in pages
            if page.translation_key == site.root_page.translation_key
        },
        "taglines": {
            page.locale.language_code: page.tagline
            for page in pages
            if page.translation_key == site.root_page.translation_key and page.tagline
        },
        "menus": menu_links(wanted, request),
        "legal_links": legal_links(pages, wanted, request),
        "statement": statement_link(pages, wanted, request),
    }


def menu_links(wanted, request):
    """{location: [{"text", "url", "page_id", "lang", "hreflang"}]}: each location's menu in the reader's language,
    else in the source language. A link to a page in another language leads to that page's version in the reader's
    language when one is published (under its title there, when the menu itself is not in the reader's language);
    else to the original, with `hreflang` set to its language, so that /nl/ never sends a reader to a French page
    unannounced. `lang` is the language of the link's text when it is not the reader's. Two queries, three when a
    link leads to a page in another language."""
    reader = wanted[0]
    codes = {locale.pk: locale.language_code for locale in locales().values()}
    items = (
        NavigationMenuItem.objects.filter(menu__locale__in=wanted)
        .filter(Q(page__isnull=True) | Q(page__in=public_pages(Page.objects.live())))
        .select_related("page", "menu")
        .order_by("sort_order")
    )
    by_menu = {}
    for item in items:
        by_menu.setdefault((item.menu.location, item.menu.locale_id), []).append(item)
    chosen = {}
    for location, _label in NavigationMenu.LOCATIONS:
        for locale in wanted:
            if (location, locale.pk) in by_menu:
                chosen[location] = (locale, by_menu[(location, locale.pk)])
                break
    elsewhere = {
        item.page.translation_key
        for _locale, menu_items in chosen.values()
        for item in menu_items
        if item.page_id and item.page.locale_id != reader.pk
    }
    translated = {}
    if elsewhere:
        versions = public_pages(Page.objects.live().filter(locale=reader, translation_key__in=elsewhere))
        translated = {page.translation_key: page for page in versions}
    menus = {}
    for location, (menu_locale, menu_items) in chosen.items():
        menu_lang = "" if menu_locale == reader else codes.get(menu_locale.pk, "")
        links = []
        for item in menu_items:
            link = {"text": item.text, "url": item.external_url, "page_id": item.page_id, "lang": "", "hreflang": ""}
            # The text is the menu's label (in the menu's language) or the page's title (in the page's).
            link["lang"] = menu_lang if item.label or not item.page_id else codes.get(item.page.locale_id, "")
            if item.page_id:
                version = item.page if item.page.locale_id == reader.pk else translated.get(item.page.translation_key)
                if version is not None:
                    link["url"], link["page_id"] = version.get_url(request), version.pk
                    if menu_lang or not item.label:
                        link["text"], link["lang"] = version.title, ""
                else:
                    link["url"], link["hreflang"] = item.page.get_url(request), codes.get(item.page.locale_id, "")
            if link["lang"] == codes.get(reader.pk):
                link["lang"] = ""
            links.append(link)
        menus[location] = links
    return menus


def chrome_pages(site, wanted):
    """In one query, the live, public pages every header and footer links to: the home page in each language,
    and the accessibility statement and legal pages in the `wanted` locales (each with its `conformity`, the
    statement's status, None for the others)."""
    footer_types = ContentType.objects.get_for_models(AccessibilityStatementPage, *footer_page_types()).values()
    return list(
        public_pages(
            Page.objects.live().filter(
                Q(translation_key=site.root_page.translation_key) | Q(content_type__in=footer_types, locale__in=wanted)
            )
        )
        .select_related("locale")
        .annotate(conformity=F("accessibilitystatementpage__conformity_status"))
        .annotate(tagline=F("homepage__tagline"))
        .only("id", "title", "url_path", "translation_key", "content_type_id", "locale__language_code")
    )


def first_in_locales(pages, model, wanted):
    """The page of type `model` among `pages` in the first of the `wanted` locales that has one, or None."""
    content_type_id = ContentType.objects.get_for_model(model).pk  # cached by Django after the first call
    found = {page.locale_id: page for page in pages if page.content_type_id == content_type_id}
    return next((found[locale.pk] for locale in wanted if locale.pk in found), None)


def statement_link(pages, wanted, request):
    statement = first_in_locales(pages, AccessibilityStatementPage, wanted)
    if statement is None:
        return None
    status_word = AccessibilityStatementPage(conformity_status=statement.conformity).status_word
    return {"url": statement.get_url(request), "status_word": str(status_word)}


def legal_links(pages, wanted, request):
    """The footer's links to the legal notice, personal-data page, site map and the pages the apps add (the open
    data): [{"text", "url", "lang"}], each page in the first of the `wanted` locales it is published in; `lang` is
    set when that is not the active language, so a screen reader reads a French title on /en/ in French."""
    current = translation.get_language()
    links = []
    for model in footer_page_types():
        page = first_in_locales(pages, model, wanted)
        if page is not None:
            code = page.locale.language_code
            links.append({"text": page.title, "url": page.get_url(request), "lang": "" if code == current else code})
    return links

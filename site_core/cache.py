"""Whole-page cache for anonymous visitors, with a content generation that any published change moves on.

Every cached response is stored under the current *generation*, a counter kept in the database and moved on
by the signals below whenever something a public page may show changes (a page published, unpublished, moved
or deleted; a snippet, a setting, an image, a document, a tag, a site or a locale saved or deleted). Because the
counter is updated in the same transaction as the change, a request sees either the old content under the old
generation or the new content under the new one: a cache never serves stale content, whatever the number of
worker processes or machines, and whatever the cache backend (local memory or Redis).
"""

import datetime
import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from site_core.models import CacheGeneration

CACHE_KEY_PREFIX = "pacte:page"
# The bounded cache for what is keyed by visitors' input (settings CACHES): addresses with a query string, searches.
QUERY_CACHE_ALIAS = "queries"
UNCACHED_PATH_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/")
# Apps whose records appear on public pages: the framework's here, each domain app adds its own label with
# `register_content_app` in its AppConfig.ready (training is private, so it never registers: never cached, never
# purging).
CONTENT_APPS = {"site_core", "taggit", "wagtailredirects", "wagtaildocs"}
CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailimages.image",
}
# Written while pages are read or drafted: they must not purge the cache. A page's PDF is built from the page as
# published (its publication already moved the generation on), sometimes on a visitor's request.
IGNORED_MODELS = {"site_core.cachegeneration", "site_core.pagepdf"}
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


_request_generation = ContextVar("pacte_request_generation", default=None)


def read_generation():
    return CacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def current_generation():
    """The generation read at the start of this request (one query per request), or read now outside one."""
    value = _request_generation.get()
    return read_generation() if value is None else value


@contextmanager
def generation_pinned():
    """Read the generation once for the work inside (a request, or a build outside one, in a task or a command):
    every value kept under it is then looked up without reading the counter again. Nested, the outer one holds."""
    if _request_generation.get() is not None:
        yield
        return
    token = _request_generation.set(read_generation())
    try:
        yield
    finally:
        _request_generation.reset(token)


def move_generation_on():
    """Make every cached page obsolete; runs inside the caller's transaction."""
    updated = CacheGeneration.objects.filter(pk=1).update(value=models.F("value") + 1)
    if not updated:
        CacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def is_cacheable_request(request):
    if not getattr(settings, "PACTE_PAGE_CACHE_SECONDS", 0):
        return False
    if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHED_PATH_PREFIXES):
        return False
    # A visitor with a session or pending messages may see something personal: never shared.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "pacte_never_cache", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def page_cache_for(request):
    """Addresses with a query string (searches, filters, page numbers) are as many as visitors care to type: their
    pages go to the bounded cache, the site's own addresses to the main one, which they then cannot flood."""
    return caches[QUERY_CACHE_ALIAS if request.META.get("QUERY_STRING") else "default"]


def cache_key(request, generation):
    # The date is part of the key: statuses derived from today's date (open, overdue...) change at midnight.
    address = f"{datetime.date.today().isoformat()}|{request.get_host()}{request.get_full_path()}"
    return (
        f"{CACHE_KEY_PREFIX}:{settings.PACTE_CACHE_VERSION}:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store the responses that are safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation_pinned():
            return self.respond(request)

    def respond(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request, current_generation())
        cache = page_cache_for(request)
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, response, settings.PACTE_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response


def register_content_app(app_label):
    """Say that the records of `app_label` appear on public pages: saving or deleting one moves the generation on."""
    CONTENT_APPS.add(app_label)


def affects_public_pages(model):
    if model.__module__ == "__fake__":
        return False  # historical models written by migrations, before the counter's table may exist
    label = model._meta.label_lower
    if label in IGNORED_MODELS or issubclass(model, Page):
        return False  # page rows are saved for drafts too; publication has its own signals below
    return model._meta.app_label in CONTENT_APPS or label in CONTENT_MODELS


def _on_page_change(**kwargs):
    move_generation_on()


def _on_record_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting):
        return  # Wagtail creates a settings row with its defaults on first read: nothing shown has changed
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= BOOKKEEPING_FIELDS:
        return  # e.g. a document's size, measured and stored the first time a page shows it
    if affects_public_pages(sender):
        move_generation_on()


def _on_page_deleted(sender, **kwargs):
    if sender.__module__ != "__fake__" and issubclass(sender, Page):
        move_generation_on()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"pacte-cache-{id(signal)}")
    post_save.connect(_on_record_change, dispatch_uid="pacte-cache-save")
    post_delete.connect(_on_record_change, dispatch_uid="pacte-cache-delete")
    post_delete.connect(_on_page_deleted, dispatch_uid="pacte-cache-page-delete")
    m2m_changed.connect(_on_record_change, dispatch_uid="pacte-cache-m2m")

"""Site-wide views: language choice at /, search, robots.txt, staff sign-in and error pages."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from site_core import public_address
from site_core import search as site_search
from site_core.site_data import active_locale, is_public, public_pages

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = site_search.RESULTS_PER_PAGE
# What both search indexes store of a text: runs of letters and digits. Everything else typed (quotes, brackets,
# `*`, `-`, `^`, `:`) would only reach a backend's query parser: Wagtail's SQLite FTS5 backend hands a `"` to
# MATCH unescaped and fails (wagtail/wagtail#13227), and OpenSearch has a syntax of its own.
SEARCH_WORD = re.compile(r"[^\W_]+")


@require_GET
def choose_language(request):
    """Send / to the home page in the visitor's preferred language, among those the site is published in."""
    site = Site.find_for_request(request)
    homes = {}
    if site is not None:
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
            homes[home.locale.language_code] = home
    preferred = translation.get_language_from_request(request)
    home = homes.get(preferred) or homes.get(settings.LANGUAGE_CODE) or next(iter(homes.values()), None)
    if home is None:
        return HttpResponseRedirect(f"/{settings.LANGUAGE_CODE}/")
    response = HttpResponseRedirect(home.get_url(request))
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_GET
def search(request):
    """Full-text search over the live, public pages of the current language and the records they show."""
    raw_query = request.GET.get("q", "")
    # Control characters (NUL above all, which PostgreSQL refuses) carry no meaning in a search.
    query = " ".join("".join(char if char.isprintable() else " " for char in raw_query).split())
    truncated = len(query) > SEARCH_QUERY_MAX_LENGTH
    if truncated:
        # Cut between words: half a word at the end would be searched too, and match nothing.
        kept = query[: SEARCH_QUERY_MAX_LENGTH + 1]
        query = kept.rsplit(" ", 1)[0] if " " in kept else kept[:SEARCH_QUERY_MAX_LENGTH]
    words = " ".join(SEARCH_WORD.findall(query))
    results_page = None
    found = {"suggestion": "", "suggested": []}
    if words:
        found = site_search.results_page(words, active_locale(), request.GET.get("page", ""), request)
        # The page of results rebuilt around the lines kept: counting, ranking and building them are what cost.
        results_page = Paginator(range(found["count"]), SEARCH_RESULTS_PER_PAGE).get_page(found["number"])
        results_page.object_list = found["results"]
    suggestion = found["suggestion"]
    return render(
        request,
        "site_core/search.html",
        {
            "search_query": query,
            "search_words": words,
            "query_was_truncated": truncated,
            "query_max_length": SEARCH_QUERY_MAX_LENGTH,
            "results_page": results_page,
            "result_count": results_page.paginator.count if results_page else 0,
            "suggestion": suggestion,
            "suggestion_url": f"{reverse('site_core:search')}?{urlencode({'q': suggestion})}" if suggestion else "",
            "suggested_results": found["suggested"],
            # One search landmark per page: the header's form is not repeated above this page's own.
            "hide_site_search": True,
        },
    )


@require_GET
def not_translated(request, page_id):
    """Where the language switcher leads from a page that has no version in the chosen language: the page says so,
    in that language, and offers the versions there are, each marked with its language; rather than the home page,
    which would leave the reader wondering where the page went. Live, public pages only (a 404 otherwise, so that
    the address tells nothing of a draft or a private page)."""
    page = Page.objects.filter(pk=page_id).live().first()
    if page is None or not is_public(page):
        raise Http404
    versions = list(public_pages(page.get_translations(inclusive=True).live()).select_related("locale"))
    current = translation.get_language()
    translated = [version for version in versions if version.locale.language_code == current]
    if translated:
        # Translated since the link was made: straight to the translation.
        return HttpResponseRedirect(translated[0].get_url(request))
    order = [code for code, _name in settings.LANGUAGES]
    versions.sort(key=lambda version: order.index(version.locale.language_code))
    return render(
        request,
        "site_core/not_translated.html",
        {
            "original": page,
            "versions": [
                {"page": version, "url": version.get_url(request), "code": version.locale.language_code}
                for version in versions
            ],
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = public_address.absolute_url(reverse("sitemap"))
    return render(request, "site_core/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


class SignInView(auth_views.LoginView):
    """The staff sign-in page, styled like the rest of the site rather than like the admin."""

    template_name = "site_core/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


def page_not_found(request, exception=None):
    return render(request, "404.html", {"requested_path": request.path}, status=404)


def server_error(request):
    # Rendered without context processors or database access: the fault may be the database itself.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": translation.get_language()}))

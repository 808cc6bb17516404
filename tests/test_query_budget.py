"""Every public page type renders within its query budget: at most 20 SQL queries on the first request after a
publication (every cache cold: caches emptied and the content generation moved on), at most 12 on the next one
(rendered again, the whole-page cache being off in tests, with what is kept per content generation warm)."""

import re
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter_pages.models import CharterPage, Commitment
from consultations.label.models import LabelAward, LabelPage
from site_core.models import HomePage

COLD_BUDGET = 20
WARM_BUDGET = 12


def go_cold():
    """What the first visitor after a publication meets: nothing kept from before."""
    for cache in caches.all():
        cache.clear()


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return {urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)}


def sub_route_paths():
    """The addresses the site map does not list: the charter's sub-routes, a label verification, a search."""
    paths = {"/fr/recherche/?q=concertation", "/en/search/?q=consultation"}
    for charter in CharterPage.objects.live():
        url = charter.url
        paths |= {url + charter.reverse_subpage(name).lstrip("/") for name in ("easy_read", "print_version")}
        commitment = Commitment.objects.filter(chapter__page=charter).order_by("number").first()
        if commitment is not None:
            paths.add(url + charter.reverse_subpage("commitment", args=[commitment.number]).lstrip("/"))
    for label_page in LabelPage.objects.live():
        award = LabelAward.objects.filter(locale=label_page.locale).first()
        if award is not None:
            paths.add(label_page.url + label_page.reverse_subpage("verify", args=[award.code]).lstrip("/"))
    return paths


@pytest.fixture
def demo_paths(client, demo_site):
    return sorted(sitemap_paths(client) | sub_route_paths())


def test_the_budget_covers_every_public_page_type(demo_paths):
    """The pages counted below include one of each type a visitor can reach."""
    joined = " ".join(demo_paths)
    for expected in (
        "/fr/charte/facile/",
        "/fr/charte/imprimer/",
        "/fr/charte/engagements/",
        "/verifier/",
        "/recherche/",
    ):
        assert expected in joined, expected


# Measured on the demo site: cold 21 (legal pages) to 55 (English easy-read), warm up to 18; the fixes in the
# code are still to come (issue 13, item 4). Strict: once every page is within budget this fails, remove it then.
@pytest.mark.xfail(
    strict=True, reason="pages still over budget: cold 21-55 queries (easy-read in English 55), warm up to 18"
)
def test_every_public_page_stays_within_its_cold_and_warm_budgets(client, demo_paths):
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    home.save_revision().publish()  # a publication: the content generation moves on
    over = {}
    for path in demo_paths:
        go_cold()
        cold = measure(client, path)
        warm = measure(client, path)
        if cold > COLD_BUDGET or warm > WARM_BUDGET:
            over[path] = (cold, warm)
    assert not over, f"(cold, warm) queries over ({COLD_BUDGET}, {WARM_BUDGET}): {over}"


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)

"""Search and sitemap show live, public pages of the right language, and nothing else."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from site_core.models import StandardPage
from tests.factories import StandardPageFactory
from tests.utils import visible_text

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def pages(home_page):
    public = StandardPageFactory(parent=home_page, title="Budget participatif", slug="budget", introduction="Votez.")
    draft = StandardPage(title="Budget brouillon", slug="brouillon", live=False)
    home_page.add_child(instance=draft)
    private = StandardPageFactory(parent=home_page, title="Budget interne", slug="interne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"public": public, "draft": draft, "private": private}


def search(client, query, language="fr", **params):
    with translation.override(language):
        url = reverse("site_core:search")
    return client.get(url, {"q": query, **params})


def test_search_finds_a_public_page_and_never_a_draft_or_private_one(client, pages):
    text = visible_text(search(client, "budget"))
    assert "Budget participatif" in text
    assert "Budget brouillon" not in text
    assert "Budget interne" not in text
    assert "1 résultat pour « budget »" in text


def test_search_only_returns_pages_of_the_current_language(client, pages, home_page_en):
    assert "Budget participatif" not in visible_text(search(client, "budget", "en"))


def test_empty_search_asks_for_words(client, home_page):
    response = search(client, "")
    assert response.status_code == 200
    assert "Saisissez un ou plusieurs mots" in visible_text(response)


def test_very_long_search_is_cut_with_a_notice(client, home_page):
    response = search(client, "participation " * 800)
    assert response.status_code == 200
    assert "trop longue" in visible_text(response)


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "'; DROP TABLE x; --", "&|!():*", "\x00", "é" * 50])
def test_odd_characters_never_break_search_and_are_escaped(client, home_page, query):
    response = search(client, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_is_paginated(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    first = visible_text(search(client, "atelier"))
    assert "12 résultats" in first
    assert "Page 1 sur 2" in first
    second = search(client, "atelier", page=2)
    assert "Page 2 sur 2" in visible_text(second)


def sitemap_locations(client):
    tree = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    return {url.find("s:loc", SITEMAP_NS).text: url for url in tree.findall("s:url", SITEMAP_NS)}


def test_sitemap_lists_only_live_public_pages(client, pages):
    locations = sitemap_locations(client)
    assert "http://testserver/fr/" in locations
    assert "http://testserver/fr/budget/" in locations
    assert "http://testserver/fr/brouillon/" not in locations
    assert "http://testserver/fr/interne/" not in locations


def test_sitemap_lists_every_language_with_alternates(client, home_page_en):
    locations = sitemap_locations(client)
    assert {"http://testserver/fr/", "http://testserver/en/"} <= set(locations)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in locations["http://testserver/en/"].findall("x:link", SITEMAP_NS)
    }
    assert alternates == {"fr": "http://testserver/fr/", "en": "http://testserver/en/"}


def test_robots_txt_points_to_the_sitemap(client, home_page):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_search_results_follow_publication_and_privacy_at_once(client, home_page, pages):
    """Results are kept until published content changes (site_core.search.results_page): never stale."""
    assert "1 résultat pour « budget »" in visible_text(search(client, "budget"))
    added = StandardPageFactory(parent=home_page, title="Budget des quartiers", slug="quartiers")
    text = visible_text(search(client, "budget"))
    assert "2 résultats pour « budget »" in text and "Budget des quartiers" in text
    PageViewRestriction.objects.create(page=added, restriction_type=PageViewRestriction.LOGIN)
    text = visible_text(search(client, "budget"))
    assert "1 résultat pour « budget »" in text and "Budget des quartiers" not in text
    pages["public"].unpublish()
    assert "Budget participatif" not in visible_text(search(client, "budget"))

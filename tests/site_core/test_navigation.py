"""Menus editors manage: the right language, no drafts or private pages, a bounded number of queries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from site_core.models import NavigationMenu, NavigationMenuItem
from tests.factories import StandardPageFactory
from tests.utils import visible_text


def build_menu(home, count, prefix="Rubrique"):
    menu = NavigationMenu.objects.create(location=NavigationMenu.MAIN, locale=home.locale)
    for number in range(count):
        page = StandardPageFactory(parent=home, title=f"{prefix} {number}", slug=f"{prefix.lower()}-{number}")
        NavigationMenuItem.objects.create(menu=menu, page=page, sort_order=number)
    return menu


def test_main_menu_lists_its_links_in_order(client, home_page):
    build_menu(home_page, 3)
    text = visible_text(client.get("/fr/"))
    assert text.index("Rubrique 0") < text.index("Rubrique 1") < text.index("Rubrique 2")


def test_menu_hides_links_to_draft_and_private_pages(client, home_page):
    menu = build_menu(home_page, 2)
    hidden = StandardPageFactory(parent=home_page, title="Espace agents", slug="agents")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    NavigationMenuItem.objects.create(menu=menu, page=hidden, sort_order=5)
    unpublished = StandardPageFactory(parent=home_page, title="Pas encore prêt", slug="pas-pret")
    unpublished.unpublish()
    NavigationMenuItem.objects.create(menu=menu, page=unpublished, sort_order=6)
    text = visible_text(client.get("/fr/"))
    assert "Rubrique 1" in text
    assert "Espace agents" not in text
    assert "Pas encore prêt" not in text


def test_menu_query_count_does_not_grow_with_its_links(client, home_page):
    build_menu(home_page, 2)
    client.get("/fr/")  # warm the site-root-paths cache
    with CaptureQueriesContext(connection) as few:
        client.get("/fr/")
    NavigationMenu.objects.all().delete()
    build_menu(home_page, 25, prefix="Autre")
    client.get("/fr/")
    with CaptureQueriesContext(connection) as many:
        client.get("/fr/")
    assert len(few.captured_queries) > 0
    assert len(many.captured_queries) == len(few.captured_queries)


def test_external_link_needs_a_label():
    with pytest.raises(ValidationError):
        NavigationMenuItem(external_url="https://participation.example.org").clean()

"""The admin gathers what editors manage around consultations under one "Consultations" menu."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import get_resolver
from django.utils import translation
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

GROUP_ITEMS = [
    "Territories",
    "Random draws",
    "Contributions",
    "Shared answers",
    "Label levels",
    "Label awards",
    "Import from Decidim",
    "Contributions spreadsheet",
    "Followers and messages",
    "Citizens' panels",
]
FRENCH_ITEMS = [
    "Territoires",
    "Tirages au sort",
    "Contributions",
    "Réponses communes",
    "Niveaux du label",
    "Labels attribués",
    "Importer depuis Decidim",
    "Tableur des contributions",
    "Abonné·es et messages",
    "Panels citoyens",
]


@pytest.fixture(autouse=True)
def english():
    """Menu labels are compared as their English message ids. The admin's URLs are loaded first: Wagtail registers
    the viewsets' menu items when it builds them, so a module run alone would otherwise see no viewset's entry."""
    get_resolver().url_patterns  # noqa: B018 - loading them is the point
    with translation.override("en"):
        yield


@pytest.fixture
def superuser(django_user_model, locales):
    return django_user_model.objects.create_superuser("editrice", "editrice@example.org", "motdepasse")


def main_menu(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return request, admin_menu.menu_items_for_request(request)


def consultations_group(request, items):
    groups = [item for item in items if isinstance(item, SubmenuMenuItem) and item.label == "Consultations"]
    assert len(groups) == 1, [str(item.label) for item in items]
    return groups[0].menu.menu_items_for_request(request)


def sidebar_labels(html):
    """The menu labels the admin's sidebar receives (its props are JSON in the page)."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    assert props, "the dashboard carries the sidebar's props"
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return labels


def test_the_group_holds_every_consultation_tool_and_each_listing_opens(rf, client, superuser):
    request, items = main_menu(rf, superuser)
    group = consultations_group(request, items)

    assert [str(item.label) for item in group] == GROUP_ITEMS
    client.force_login(superuser)
    for item in group:
        assert client.get(item.url).status_code == 200, item.url


def test_grouped_tools_are_no_longer_top_level_items(rf, superuser):
    _request, items = main_menu(rf, superuser)
    top_level = [str(item.label) for item in items]

    assert not set(GROUP_ITEMS) & set(top_level)
    assert "Navigation" in top_level  # the site's own snippets keep their place


def test_the_sidebar_shows_the_group_in_french(client, superuser):
    client.force_login(superuser)
    with translation.override("fr"):
        html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    labels = sidebar_labels(html)

    assert "Concertations" in labels
    position = labels.index("Concertations")
    assert labels[position + 1 : position + 1 + len(FRENCH_ITEMS)] == FRENCH_ITEMS


def test_an_editor_without_label_rights_sees_only_what_they_may_open(rf, django_user_model, locales):
    editor = django_user_model.objects.create_user("redactrice", "r@example.org", "motdepasse")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_territory"),
        Permission.objects.get(codename="add_territory"),
    )
    request, items = main_menu(rf, django_user_model.objects.get(pk=editor.pk))

    assert [str(item.label) for item in consultations_group(request, items)] == ["Territories"]

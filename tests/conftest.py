"""Fixtures shared by the whole suite: locales, a site with its French home page and translations."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Locale, Page, Site

from site_core.models import HomePage
from tests.utils import publish_child


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in the site's default language: a request served in Dutch leaves Dutch active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: rolled-back tests reuse the same content generation numbers."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def locales(db):
    return make_locales()


def make_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en", "nl")}


@pytest.fixture
def home_page(locales):
    """The French home page as the default site's root (Wagtail's welcome page removed)."""
    return make_home_page(locales)


def make_home_page(locales):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = publish_child(root, HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue", locale=locales["fr"]))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Pacte"}
    )
    return home


@pytest.fixture
def home_page_en(home_page, locales):
    return translate(home_page, locales["en"], title="Home", hero_title="Welcome")


def translate(page, locale, **fields):
    """Publish a translation of `page` in `locale` with the given fields changed."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def translate_page():
    return translate

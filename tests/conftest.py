"""Fixtures shared by the whole suite: locales, a site with its French home page and translations, and the demo site
seeded once per test session."""

import io
from contextlib import contextmanager
from types import SimpleNamespace

import psycopg
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation
from psycopg import sql

from site_core.backup import connection_arguments
from tests.factories import HomePageFactory, site_locales, translate

# The tests that read the seeded demo site, and every xdist worker that runs one seeds it: they share one group.
DEMO_FIXTURES = {"demo_site", "demo_database"}
DEMO_GROUP = "demo-site"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Under `pytest -n N --dist loadgroup`, each test module runs on one worker (its module-scoped fixtures are built
    once), and all the tests on the seeded demo site run on the same worker (the demo is seeded once)."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = DEMO_GROUP if DEMO_FIXTURES & set(getattr(item, "fixturenames", ())) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def runs_in_its_own_transactions(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


class CommittingTestsLast:
    """Tests that commit (the followers' worker needs committed rows) run after every other test of their worker: the
    database is flushed after each of them, and the seeded demo (copied from the worker's database the first time a
    test asks for it) and every later test need Wagtail's initial rows still there. A plugin of its own, because
    this ordering must come after pytest-django's (which puts such tests before the tests that use no database)."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=runs_in_its_own_transactions)  # stable: the rest keeps its order


def pytest_configure(config):
    config.pluginmanager.register(CommittingTestsLast(), "pacte-committing-tests-last")


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
    return site_locales()


@pytest.fixture
def home_page(locales):
    """The French home page as the default site's root (Wagtail's welcome page removed)."""
    return HomePageFactory()


@pytest.fixture
def home_page_en(home_page, locales):
    return translate(home_page, locales["en"], title="Home", hero_title="Welcome")


@pytest.fixture
def translate_page():
    return translate


def admin_connection():
    """A connection to the server's maintenance database, to create and drop databases."""
    return psycopg.connect(**connection_arguments(connection.settings_dict, name="postgres"), autocommit=True)


@contextmanager
def on_database(name):
    """Point the default connection (and every thread's next one) at the database `name`, then back."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site, seeded once per test session (per xdist worker), committed into a database of its own copied
    from the migrated test database, with its media in a folder of its own; dropped at the end of the session.

    Seeding takes seconds to tens of seconds: the tests that read the demo share this one copy (see demo_site)."""
    with django_db_blocker.unblock():
        test_database = connection.settings_dict["NAME"]
        demo = SimpleNamespace(name=f"{test_database}_demo", media_root=tmp_path_factory.mktemp("demo-media"))
        connection.close()  # a database cannot be copied while a session is connected to it
        with admin_connection() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(demo.name)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(demo.name), sql.Identifier(test_database)
                )
            )
        with on_database(demo.name), override_settings(MEDIA_ROOT=demo.media_root):
            call_command("seed_demo", stdout=io.StringIO())
    yield demo
    with django_db_blocker.unblock(), admin_connection() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(demo.name)))


@pytest.fixture
def demo_site(request, demo_database, django_db_blocker):
    """The seeded demo site for one test: its database and media, inside a transaction rolled back after the test,
    so a test may change it without the next one seeing it. Use it instead of `db`, never with it."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        raise pytest.UsageError(f"{request.node.nodeid}: demo_site replaces the db fixture; do not ask for both")
    with (
        django_db_blocker.unblock(),
        on_database(demo_database.name),
        override_settings(MEDIA_ROOT=demo_database.media_root),
        transaction.atomic(),
    ):
        yield demo_database
        transaction.set_rollback(True)

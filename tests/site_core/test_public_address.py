"""One public address (PACTE_BASE_URL): the Site record follows it, production refuses a wrong one, and the
canonical links, sitemap and robots.txt name it whatever host the request came through."""

import xml.etree.ElementTree as ET

import pytest
from django.core import checks
from django.test import Client, override_settings
from wagtail.models import Site

from site_core import public_address

PUBLIC = "https://participation.example.org"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def public(settings):
    settings.PACTE_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    return PUBLIC


@pytest.fixture
def elsewhere():
    """A visitor reaching the site through another host name than the public one (a proxy, an IP address)."""
    return Client(HTTP_HOST="10.0.0.7:8000")


def error_ids(**overrides):
    with override_settings(**overrides):
        return [message.id for message in public_address.check_public_address()]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("", ["pacte.E001"]),
        ("participation.example.org", ["pacte.E002"]),
        ("https://participation.example.org/fr/", ["pacte.E002"]),
        ("http://participation.example.org", ["pacte.E003"]),
        ("https://participation.example.org:8443", ["pacte.E004"]),
        ("https://localhost", ["pacte.E005"]),
        ("https://127.0.0.1", ["pacte.E005"]),
        ("https://[::1]", ["pacte.E005"]),
        ("https://participation.example.org", []),
        ("https://participation.example.org/", []),
    ],
)
def test_production_refuses_a_missing_plain_or_loopback_address(address, expected):
    assert error_ids(PACTE_ENVIRONMENT="production", PACTE_BASE_URL=address) == expected


def test_the_local_address_on_loopback_over_http_is_fine_outside_production():
    assert error_ids(PACTE_ENVIRONMENT="local", PACTE_BASE_URL="http://127.0.0.1:8765") == []


def test_the_check_is_registered():
    with override_settings(PACTE_ENVIRONMENT="production", PACTE_BASE_URL="http://127.0.0.1"):
        ids = [message.id for message in checks.run_checks()]
    assert "pacte.E003" in ids and "pacte.E005" in ids


def test_migrations_left_the_site_record_at_the_configured_address(db):
    # pytest-django migrated the test database: post_migrate replaced Wagtail's localhost:80.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    assert site.root_url == "http://testserver"


def test_the_site_record_and_its_check_follow_a_new_address(db, public):
    assert [m.id for m in public_address.check_site_matches_address(databases=["default"])] == ["pacte.W001"]
    assert public_address.sync_site() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("participation.example.org", 443, PUBLIC)
    assert public_address.check_site_matches_address(databases=["default"]) == []
    assert public_address.sync_site() is False


def test_a_port_is_kept_in_the_site_record(db, settings):
    settings.PACTE_BASE_URL = "http://127.0.0.1:8765"
    public_address.sync_site()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8765"


def test_canonical_and_hreflang_name_the_public_address(public, elsewhere, home_page_en):
    html = elsewhere.get("/en/").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/en/">' in html
    assert f'hreflang="fr" href="{PUBLIC}/fr/"' in html
    assert f'hreflang="x-default" href="{PUBLIC}/fr/"' in html
    assert "10.0.0.7" not in html


def test_sitemap_and_robots_name_the_public_address(public, elsewhere, home_page_en):
    tree = ET.fromstring(elsewhere.get("/sitemap.xml").content)  # noqa: S314 - our own output
    locations = {url.find("s:loc", SITEMAP_NS).text for url in tree.findall("s:url", SITEMAP_NS)}
    assert locations == {f"{PUBLIC}/fr/", f"{PUBLIC}/en/"}
    alternates = {link.get("href") for link in tree.iterfind(".//x:link", SITEMAP_NS)}
    assert alternates == {f"{PUBLIC}/fr/", f"{PUBLIC}/en/"}
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in elsewhere.get("/robots.txt").content.decode()

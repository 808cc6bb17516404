"""The site's one public address (settings.PACTE_BASE_URL): every absolute URL is built from it, never from the
request's Host header, and the Wagtail Site record (used by Wagtail's own full URLs) is kept in step with it."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    """The configured address without a trailing slash, e.g. "https://participation.example.org"."""
    return settings.PACTE_BASE_URL.strip().rstrip("/")


def absolute_url(path):
    """The public address of a site path ("/fr/charte/"); an address that is already absolute is kept."""
    if not path:
        return ""
    if not path.startswith("/"):
        return path
    return base_url() + path


def page_url(page):
    """A page's public address, or "" when it is not routable (not under a site)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return absolute_url(parts[2])


def host_name():
    """The host name alone (no port), e.g. for identifiers such as iCalendar UIDs that must not depend on a request."""
    return urlsplit(base_url()).hostname or ""


def site_address():
    """(hostname, port) of the Wagtail Site record that matches the address."""
    parts = urlsplit(base_url())
    return parts.hostname or "", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def sync_site():
    """Point the default Wagtail Site at the configured address; True when the record changed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return True


def sync_site_after_migrate(sender, using="default", **kwargs):
    if using == "default":
        sync_site()


def is_loopback(hostname):
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@checks.register()
def check_public_address(app_configs=None, **kwargs):
    """The address must be an origin (scheme and host, nothing after); in production, public https."""
    value = getattr(settings, "PACTE_BASE_URL", "") or ""
    production = getattr(settings, "PACTE_ENVIRONMENT", "") == "production"
    if not value.strip():
        if production:
            return [
                checks.Error(
                    "PACTE_BASE_URL is not set: every absolute link (badges and their QR codes, feeds, sitemap, "
                    "e-mails) is built from it.",
                    hint="Set the environment variable PACTE_BASE_URL, e.g. https://participation.example.org.",
                    id="pacte.E001",
                )
            ]
        return [checks.Error("PACTE_BASE_URL is empty.", hint="Set it to the site's address.", id="pacte.E001")]
    parts = urlsplit(value.strip().rstrip("/"))
    errors = []
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path or parts.query or parts.fragment:
        errors.append(
            checks.Error(
                f"PACTE_BASE_URL {value!r} is not an address such as https://participation.example.org.",
                hint="Give the scheme and host name only (and a port if not the default), no path.",
                id="pacte.E002",
            )
        )
        return errors
    if production:
        if parts.scheme != "https":
            errors.append(
                checks.Error(
                    f"PACTE_BASE_URL {value!r} does not use https.",
                    hint="Citizens and QR codes must reach the site over https.",
                    id="pacte.E003",
                )
            )
        elif parts.port not in (None, 443):
            errors.append(
                checks.Error(
                    f"PACTE_BASE_URL {value!r} uses https on port {parts.port}.",
                    hint="Wagtail's Site record can only express https on port 443: serve it there.",
                    id="pacte.E004",
                )
            )
        if is_loopback(parts.hostname):
            errors.append(
                checks.Error(
                    f"PACTE_BASE_URL {value!r} names this machine ({parts.hostname}), not a public host.",
                    hint="Give the host name citizens use.",
                    id="pacte.E005",
                )
            )
    return errors


@checks.register(checks.Tags.database)
def check_site_matches_address(app_configs=None, databases=None, **kwargs):
    """Wagtail's own full URLs come from the Site record: it must name the configured address."""
    if not databases or "default" not in databases:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: migrate sets the record afterwards
        return []
    if site is None or (site.hostname, site.port) == site_address():
        return []
    hostname, port = site_address()
    return [
        checks.Warning(
            f"The default Wagtail Site is {site.hostname}:{site.port}, not {hostname}:{port} (PACTE_BASE_URL).",
            hint="`manage.py migrate` sets it from PACTE_BASE_URL.",
            id="pacte.W001",
        )
    ]

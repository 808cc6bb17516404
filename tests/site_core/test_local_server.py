"""What `make run` serves: its settings (site_core.settings.local) and the demo on SQLite, behind the real gunicorn.

One module fixture migrates and seeds a SQLite database and collects the static files, as `make run` does, then
serves them; each test reads the site over HTTP as a visitor would: every sitemap page answers, an unknown
address gets the site's own translated 404 with its security headers, static files are fingerprinted and
compressed, and a badge's QR code names the address the site is served at.
"""

import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
import zxingcpp
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
MEDIA = {}  # "root": the served site's media folder, set by local_server


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own loopback server
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def local_server():
    port = free_port()
    # Memory-backed when the machine has it: migrating SQLite on disk waits for every fsync.
    work = tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)  # noqa: S108
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "site_core.settings.local",
        "PORT": str(port),
        "PACTE_SQLITE_PATH": f"{work.name}/db.sqlite3",
        "STATIC_ROOT": f"{work.name}/static",
        "MEDIA_ROOT": f"{work.name}/media",
    }
    manage = [sys.executable, "manage.py"]
    # Collecting the static files needs no database: it runs beside the migration and the seed.
    collect = subprocess.Popen([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)  # noqa: S603
    for step in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run([*manage, *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    assert collect.wait(timeout=300) == 0
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this venv, fixed arguments
        [str(GUNICORN), "site_core.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    MEDIA["root"] = Path(env["MEDIA_ROOT"])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(f"{base}/robots.txt")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        work.cleanup()


def test_every_demo_page_of_the_sitemap_answers_on_sqlite(local_server):
    """SQLite is what `make run` serves: every page must render there too, not only on PostgreSQL."""
    xml = fetch(f"{local_server}/sitemap.xml")[2].decode()
    addresses = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(addresses) > 20
    assert all(address.startswith(local_server + "/") for address in addresses), addresses[:3]
    failures = [(address, status) for address in addresses if (status := fetch(address)[0]) != 200]
    assert failures == []


def test_unknown_address_gets_the_sites_own_translated_404_with_its_headers(local_server):
    status, headers, body = fetch(f"{local_server}/fr/page-qui-nexiste-pas/")
    html = body.decode()
    assert status == 404
    assert "<h1>Page introuvable</h1>" in html
    assert "vérifiez son orthographe" in html
    assert "URLconf" not in html and "DEBUG = True" not in html  # never Django's debug page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    english = fetch(f"{local_server}/en/no-such-page/")
    assert english[0] == 404 and "<h1>Page not found</h1>" in english[2].decode()


def test_static_files_are_fingerprinted_compressed_and_cached_for_ever(local_server):
    html = fetch(f"{local_server}/fr/page-qui-nexiste-pas/")[2].decode()
    stylesheet = re.search(r'href="(/static/site_core/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, _body = fetch(local_server + stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_a_badge_qr_code_names_the_address_the_site_is_served_at(local_server):
    """What a printed deliberation carries: scanned, the badge leads to this server's verification page."""
    label = fetch(f"{local_server}/fr/label-citoyen/")[2].decode()
    verification = re.search(r'href="(/fr/label-citoyen/verifier/[0-9A-Z-]+/)"', label).group(1)
    page = fetch(local_server + verification)[2].decode()
    badge = re.search(r'href="([^"]*badge\.png)"', page).group(1)
    status, _headers, png = fetch(badge if badge.startswith("http") else local_server + badge)
    assert status == 200
    decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert decoded == [local_server + verification]


def test_images_are_served_and_document_files_only_through_wagtail(local_server):
    """No nginx stands in front of `make run`: the site serves its images itself, but never a document's file
    directly (a private collection's document would then escape Wagtail's check)."""
    html = fetch(f"{local_server}/fr/")[2].decode()
    images = set(re.findall(r'src="(/media/images/[^"]+)"', html))
    assert images
    assert [image for image in images if fetch(local_server + quote(image))[0] != 200] == []
    documents = sorted((MEDIA["root"] / "documents").rglob("*.*"))
    assert documents, "the demo has documents"
    relative = documents[0].relative_to(MEDIA["root"]).as_posix()
    assert fetch(f"{local_server}/media/{quote(relative)}")[0] == 404

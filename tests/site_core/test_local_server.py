"""`make run`'s settings (site_core.settings.local) served by the real gunicorn: debug off, the site's own
translated 404 page with its security headers, fingerprinted and compressed static files."""

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

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own loopback server
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
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
    }
    manage = [sys.executable, "manage.py"]
    steps = [
        subprocess.Popen([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env),  # noqa: S603
        subprocess.Popen([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env),  # noqa: S603
    ]
    assert [step.wait(timeout=240) for step in steps] == [0, 0]
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this venv, fixed arguments
        [str(GUNICORN), "site_core.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
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

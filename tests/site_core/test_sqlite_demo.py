"""`make run` serves the demo on SQLite: every sitemap page must render there too, not only on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CRAWL = """
import re
from django.test import Client
client = Client(HTTP_HOST="localhost", raise_request_exception=False)
xml = client.get("/sitemap.xml").content.decode()
paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", xml)]
failures = [(path, client.get(path).status_code) for path in paths]
print(len(paths), [failure for failure in failures if failure[1] != 200])
"""


def test_every_demo_page_renders_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_core.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }

    def manage(*args):
        return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout

    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    count, failures = manage("shell", "--no-imports", "-c", CRAWL).strip().rsplit("\n", 1)[-1].split(" ", 1)
    assert int(count) > 20
    assert failures == "[]"

"""Every public page is valid HTML, as the Nu HTML Checker (the W3C's validator, vnu.jar from npm) reads it: every
page of the sitemap in French, English and Dutch, and the sub-routes a visitor reaches from them (a search, a
filtered list, a report's contributions, a label's verification, the page saying a page is not translated).
Invalid HTML is what assistive technologies misread first (RGAA criterion 8.2)."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from consultations.label.models import LabelAward
from tests.browser.test_accessibility import report_contribution_paths, sitemap_paths

pytestmark = pytest.mark.browser

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def sub_routes(base_url):
    award = LabelAward.objects.filter(status=LabelAward.ACTIVE, locale__language_code="fr").first()
    # A consultation the demo has in French only: its switcher leads to the Dutch "not translated" page.
    french_only = urlopen(f"{base_url}/fr/concertations/berges-du-canal/").read().decode()  # noqa: S310 - local
    page_id = re.search(r'href="/nl/niet-vertaald/(\d+)/"', french_only)
    paths = [
        "/fr/recherche/?q=tirage",
        "/en/search/?q=zzzz",
        "/fr/concertations/?status=open",
        f"/fr/label-citoyen/verifier/{award.code}/",
        *report_contribution_paths(base_url)[:2],
    ]
    if page_id:
        paths.append(f"/nl/niet-vertaald/{page_id.group(1)}/")
    return paths


def test_every_public_page_is_valid_html(demo_server, tmp_path):
    paths = sitemap_paths(demo_server) + sub_routes(demo_server)
    files = {}
    for number, path in enumerate(paths):
        with urlopen(demo_server + path) as response:  # noqa: S310 - the local live server
            target = tmp_path / f"{number:04d}.html"
            target.write_bytes(response.read())
            files[target.name] = path
    java = shutil.which("java") or "java"
    result = subprocess.run(  # noqa: S603 - the pinned checker, on files this test wrote
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files_in(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{page_of(files, message)} line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert len(paths) > 40
    assert not problems, "\n".join(problems)


def page_of(files, message):
    """The page's address a checker's message is about (it names the file it read)."""
    name = Path(urlparse(message.get("url", "")).path).name
    return files.get(name, message.get("url"))


def files_in(folder):
    return sorted(folder.glob("*.html"))

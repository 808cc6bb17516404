"""A citizen replays a draw from what the site publishes alone: the list file downloaded from the page's link, the
seed and the number shown on the page, and the reference script copied out of docs/draw-replay.md, run apart
(a subprocess, standard library only). A tampered list gives another fingerprint."""

import hashlib
import html as html_module
import re
import subprocess
import sys

import pytest
from django.conf import settings

from consultations.models import ConsultationPage
from tests.factories import ConsultationPageFactory, RandomDrawFactory

DOCS = settings.BASE_DIR / "docs" / "draw-replay.md"


def docs_script(name="replay_draw.py"):
    """The reference script docs/draw-replay.md gives for `name`: the Python block whose usage line runs it."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    chosen = [block for block in blocks if f"python3 {name} " in block]
    assert len(chosen) == 1, f"docs/draw-replay.md holds one Python block for {name}"
    return chosen[0]


def shown(html, term):
    """The value of a fact (<dt>term</dt><dd>value</dd>) as the page shows it, tags removed."""
    match = re.search(rf"<dt>{re.escape(term)}</dt><dd>(.*?)</dd>", html, flags=re.S)
    assert match, term
    return html_module.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def published_draw(client, page_url):
    """What the page publishes about its (one) draw, read as a visitor reads it."""
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.content.decode()
    file_url = html_module.unescape(re.search(r'href="([^"]+/entrees\.txt)" download', html).group(1))
    drawn = html.split('<ol class="draw-result">', 1)[1].split("</ol>", 1)[0]
    script = re.search(r'<pre class="draw-script" lang="en"><code>(.*?)</code></pre>', html, flags=re.S).group(1)
    return {
        "file_url": file_url,
        "fingerprint": shown(html, "Empreinte de la liste (SHA-256)"),
        "seed": shown(html, "Graine"),
        "count": shown(html, "Nombre tiré"),
        "result": [html_module.unescape(item) for item in re.findall(r"<li>(.*?)</li>", drawn)],
        "script": html_module.unescape(script),
    }


def replay(tmp_path, entries, seed, count):
    """Run the docs' script as a citizen would: saved to a file, with the downloaded list, in a fresh Python."""
    script = tmp_path / "replay_draw.py"
    script.write_text(docs_script(), encoding="utf-8")
    listing = tmp_path / "entrees.txt"
    listing.write_bytes(entries)
    completed = subprocess.run(  # noqa: S603 - our own script, run with this interpreter on a file we wrote
        [sys.executable, "-I", str(script), str(listing), seed, count],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    first, *drawn = completed.stdout.splitlines()
    return {
        "fingerprint": first.removeprefix("SHA-256 of the list: "),
        "result": [line.split(". ", 1)[1] for line in drawn],
    }


def check_replay(client, page_url, tmp_path):
    published = published_draw(client, page_url)
    download = client.get(published["file_url"])
    assert download.status_code == 200
    entries = download.content
    assert entries.endswith(b"\n") and b"\r" not in entries
    assert hashlib.sha256(entries).hexdigest() == published["fingerprint"], "what `sha256sum entrees.txt` prints"
    replayed = replay(tmp_path, entries, published["seed"], published["count"])
    assert replayed == {"fingerprint": published["fingerprint"], "result": published["result"]}
    assert len(published["result"]) == int(published["count"]) > 0
    assert published["script"] == docs_script(), "the page shows the script the docs give"

    lines = entries.decode("utf-8").split("\n")[:-1]
    one_line_changed = "\n".join([lines[0] + " (modifiée)", *lines[1:]]) + "\n"
    order_changed = "\n".join([lines[1], lines[0], *lines[2:]]) + "\n"
    for tampered in (one_line_changed, order_changed):
        forged = replay(tmp_path, tampered.encode("utf-8"), published["seed"], published["count"])
        assert forged["fingerprint"] != published["fingerprint"], "a tampered list no longer matches the page"
    return published


def test_the_demo_draw_replays_from_the_published_files_alone(demo_site, client, tmp_path):
    walk = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    published = check_replay(client, walk.url, tmp_path)
    assert published["count"] == "8" and published["seed"] == "4-1-6-6-2-5-3-1-5-2"
    assert client.get(published["file_url"]).content.count(b"\n") == 24


@pytest.mark.sqlite
def test_a_draw_replays_from_its_page_and_file(client, index_page, tmp_path):
    consultation = ConsultationPageFactory(parent=index_page, slug="plan-marche")
    entries = ["Écoles : traverser", "Bancs « partout »", "Parc & canal", "Écoles"] * 2  # escaped, and repeated
    RandomDrawFactory(consultation=consultation, items=entries, count=3)
    check_replay(client, consultation.url, tmp_path)


def test_the_docs_script_is_the_one_the_site_offers():
    offered = settings.BASE_DIR / "consultations" / "static" / "consultations" / "replay_draw.py"
    assert docs_script() == offered.read_text(encoding="utf-8")
    assert len(docs_script().splitlines()) <= 20
    assert set(re.findall(r"^import (\w+)", docs_script(), flags=re.M)) == {"hashlib", "sys"}

"""A citizen replays a citizens' panel from what the page publishes alone: the list and the quotas downloaded from
the page's links, the seed shown, and the reference script copied out of docs/draw-replay.md, run apart. Neither
the page nor the files carry a volunteer's name or contact."""

import datetime
import hashlib
import html as html_module
import re
import subprocess
import sys

import pytest

from consultations.citizens_panels.models import CitizensPanel
from consultations.models import ConsultationPage
from tests.consultations.test_draw_replay import docs_script, shown
from tests.factories import translate


def published_panel(client, page_url):
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.content.decode()
    links = {name: html_module.unescape(url) for url, name in re.findall(r'href="([^"]+/(entrees|quotas)\.txt)"', html)}
    table = html.split('class="table-wrapper draw-strata"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S):
        cells = [
            html_module.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ]
        rows.append(cells)
    script = re.findall(r'<pre class="draw-script" lang="en"><code>(.*?)</code></pre>', html, flags=re.S)
    return {
        "html": html,
        "links": links,
        "rows": rows,
        "seed": shown(html, "Graine"),
        "fingerprint": shown(html, "Empreinte de la liste (SHA-256)"),
        "quotas_fingerprint": shown(html, "Empreinte des quotas (SHA-256)"),
        "script": html_module.unescape(script[-1]),
    }


def replay(tmp_path, entries, quotas, seed):
    """The docs' script, saved to a file and run in a fresh Python on the downloaded files: {stratum: (members,
    reserves)} and both fingerprints."""
    script = tmp_path / "replay_panel.py"
    script.write_text(docs_script("replay_panel.py"), encoding="utf-8")
    (tmp_path / "entrees.txt").write_bytes(entries)
    (tmp_path / "quotas.txt").write_bytes(quotas)
    completed = subprocess.run(  # noqa: S603 - our own script, run with this interpreter on files we wrote
        [sys.executable, "-I", str(script), "entrees.txt", "quotas.txt", seed],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    lines = completed.stdout.splitlines()
    result = {"fingerprint": lines[0].split(": ")[1], "quotas_fingerprint": lines[1].split(": ")[1], "strata": {}}
    current = None
    for line in lines[2:]:
        if not line:
            continue
        if not line.startswith("  "):
            current = line.split(":", 1)[0]
            result["strata"][current] = ([], [])
        elif line.startswith("  reserves, in order:"):
            listed = line.split(":", 1)[1].strip()
            result["strata"][current][1].extend([] if listed == "none" else listed.split(", "))
        else:
            result["strata"][current][0].append(line.split(". ", 1)[1])
    return result


def check_replay(client, page_url, tmp_path, criteria_count):
    published = published_panel(client, page_url)
    entries = client.get(published["links"]["entrees"]).content
    quotas = client.get(published["links"]["quotas"]).content
    assert hashlib.sha256(entries).hexdigest() == published["fingerprint"]
    assert hashlib.sha256(quotas).hexdigest() == published["quotas_fingerprint"]
    assert published["script"] == docs_script("replay_panel.py"), "the page shows the script the docs give"
    replayed = replay(tmp_path, entries, quotas, published["seed"])
    assert replayed["fingerprint"] == published["fingerprint"]
    assert replayed["quotas_fingerprint"] == published["quotas_fingerprint"]
    shown_strata = {}
    for cells in published["rows"]:
        stratum = " | ".join(cells[:criteria_count])
        members = cells[criteria_count + 3].split(", ") if cells[criteria_count + 3] else []
        shown_strata[stratum] = (members, cells[criteria_count + 4])
    assert set(shown_strata) == set(replayed["strata"])
    for stratum, (members, reserves) in replayed["strata"].items():
        assert shown_strata[stratum][0] == members, stratum
        first_reserves = shown_strata[stratum][1]
        if reserves:
            assert first_reserves.startswith(", ".join(reserves[:5])), stratum
        else:
            assert "V-" not in first_reserves, stratum
    return published, replayed, entries, quotas


def test_the_demo_panel_replays_from_the_published_files_alone(demo_site, client, tmp_path):
    page = ConsultationPage.objects.get(slug="alimentation-locale", locale__language_code="fr")
    published, replayed, entries, quotas = check_replay(client, page.url, tmp_path, criteria_count=2)
    assert entries.count(b"\n") == 110 and quotas.count(b"\n") == 8
    drawn = sum(len(members) for members, _ in replayed["strata"].values())
    assert drawn == 23, "24 seats, but only two men aged 16-29 volunteered for their three"
    assert replayed["strata"]["16-29 ans | Homme"][1] == [], "a short stratum has no reserve"
    assert "16-29 ans, Homme" in published["html"] and "1 siège non pourvu" in published["html"]
    names = CitizensPanel.objects.get(consultation=page).volunteers.values_list("full_name", flat=True)
    for name in names:
        assert name not in published["html"], "no volunteer's name on the page"
        assert name.encode() not in entries
    assert all(re.fullmatch(r"V-\d{4} \| [^|]+ \| (Femme|Homme)", line) for line in entries.decode().splitlines())


def drawn_panel(panel, volunteers=30):
    for number in range(volunteers):
        age = ["16-29 ans", "30-44 ans", "45-59 ans", "60 ans et plus"][number % 4]
        panel.add_volunteer(
            f"Volontaire Zébulon{number}",
            f"z{number}@courriel.invalid",
            [age, "Femme" if number % 3 else "Homme"],
            "offline",
        )
    draw = panel.publish()
    return draw.perform("6-6-1-2", performed_at=draw.list_published_at + datetime.timedelta(minutes=1))


@pytest.mark.sqlite
def test_the_english_page_shows_the_same_panel_with_its_french_words_marked(panel, client, home_page_en, locales):
    draw = drawn_panel(panel)
    translate(panel.consultation.get_parent().specific, locales["en"], title="Consultations", slug="consultations")
    english = translate(panel.consultation, locales["en"], title="Local food", slug="local-food")
    html = client.get(english.url).content.decode()
    assert "The panel drawn, stratum by stratum" in html
    assert '<th scope="col" lang="fr">Tranche d&#x27;âge</th>' in html
    assert f'<h3 id="draw-{draw.pk}-title" lang="fr">{draw.title}</h3>' in html
    assert f"/draw/{draw.pk}/quotas.txt" in html and f"/draw/{draw.pk}/entries.txt" in html
    assert client.get(f"{english.url}draw/{draw.pk}/quotas.txt").content == draw.quotas_file


@pytest.mark.sqlite
def test_a_panel_drawn_in_the_admin_replays_from_its_page(panel, client, tmp_path):
    draw = drawn_panel(panel)
    published, replayed, _, _ = check_replay(client, panel.consultation.url, tmp_path, criteria_count=2)
    assert sum(len(members) for members, _ in replayed["strata"].values()) == draw.count
    assert "Zébulon" not in published["html"] and "courriel.invalid" not in published["html"]

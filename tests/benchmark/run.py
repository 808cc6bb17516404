"""`make bench`: seed a large dataset into its own PostgreSQL database, serve it with gunicorn (production
settings, 2 workers) and measure each URL with wrk, cached and uncached, against a bare Django view (the
machine's ceiling). Prints the table and writes it to docs/benchmarks.md.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pacte_bench), BENCH_SECONDS
(default 20 per URL), BENCH_CONNECTIONS (default 8), BENCH_KEEP_DATABASE=1 to reuse an already seeded one,
BENCH_ONLY=label,label to measure only the lines whose label contains one of them (nothing is written to
docs/benchmarks.md then: a partial table would replace the whole one).
"""

import datetime
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pacte_bench")
SECONDS = int(os.environ.get("BENCH_SECONDS", 20))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
PORT = int(os.environ.get("BENCH_PORT", 8219))
WORK = ROOT / ".bench"
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "tests.benchmark.settings",
    "SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{PORT}",
    "PACTE_BASE_URL": f"http://127.0.0.1:{PORT}",
    "DATABASE_URL": DATABASE_URL,
    "STATIC_ROOT": str(WORK / "static"),
    "MEDIA_ROOT": str(ROOT / "media"),
}


def step(message):
    print(f"==> {message}", flush=True)


def run(args, env=None, **kwargs):
    subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}, check=True, **kwargs)  # noqa: S603


def prepare_database():
    seed_env = {"DJANGO_SETTINGS_MODULE": "site_core.settings.dev", "DATABASE_URL": DATABASE_URL}
    if os.environ.get("BENCH_KEEP_DATABASE") == "1":
        step("Reusing the seeded benchmark database (migrating it and its demo content to the current code)")
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=seed_env)
        run([PYTHON, "manage.py", "seed_demo"], env=seed_env, stdout=subprocess.DEVNULL)
        return
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    step("Migrating and loading the demo content")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=seed_env)
    run([PYTHON, "manage.py", "seed_demo"], env=seed_env, stdout=subprocess.DEVNULL)
    step("Seeding the large dataset")
    run([PYTHON, "-m", "tests.benchmark.seed"], env=seed_env)


def start_server(cache_seconds):
    env = {**os.environ, **SERVER_ENV, "PACTE_PAGE_CACHE_SECONDS": str(cache_seconds)}
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "site_core.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench-ceiling/", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def wrk_command(path):
    """wrk loading `path` for SECONDS with CONNECTIONS; report.lua prints the figures as JSON on the last line."""
    return [
        shutil.which("wrk") or "wrk",
        "--threads",
        "2",
        "--connections",
        str(CONNECTIONS),
        "--duration",
        f"{SECONDS}s",
        "--timeout",
        "10s",
        "--script",
        str(Path(__file__).with_name("report.lua")),
        f"http://127.0.0.1:{PORT}{path}",
    ]


def wrk_figures(output):
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def wrk(path):
    return wrk_figures(subprocess.run(wrk_command(path), capture_output=True, text=True, check=True).stdout)  # noqa: S603


def page_facts(urls):
    """Queries, HTML bytes and own CSS+JS bytes (gzip) per URL, measured in-process without the page cache."""
    os.environ.update({**SERVER_ENV, "PACTE_PAGE_CACHE_SECONDS": "0"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from site_core.cache import move_generation_on

    client = Client(HTTP_HOST="127.0.0.1")
    facts = {}
    for label, path in urls:
        client.get(path)  # first request fills Wagtail's site-root cache, as a warm server has it
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries.captured_queries)  # now: each request empties Django's query log
        html = response.content
        # The first visitor after a publication also rebuilds the data kept per content generation (menus,
        # filter options, the dashboard's records, search results): median of three.
        cold = []
        for _attempt in range(3):
            move_generation_on()
            started = time.perf_counter()
            client.get(path)
            cold.append(1000 * (time.perf_counter() - started))
        assets = 0
        for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
            assets += len(gzip.compress(urllib.request.urlopen(f"http://127.0.0.1:{PORT}{asset.decode()}").read()))  # noqa: S310
        facts[label] = {
            "status": response.status_code,
            "queries": query_count,
            "html_bytes": len(html),
            "html_gzip": len(gzip.compress(html)),
            "page_gzip": len(gzip.compress(html)) + assets,
            "after_publication_ms": sorted(cold)[1],
        }
    return facts


def benchmark_urls():
    env = {**os.environ, **SERVER_ENV}
    script = (
        "from consultations.models import ConsultationPage, ConsultationReportPage, ConsultationIndexPage;"
        "fr = dict(locale__language_code='fr');"
        "index = ConsultationIndexPage.objects.live().filter(**fr).first();"
        "consultation = ConsultationPage.objects.live().filter(**fr, slug__startswith='charge-')"
        ".exclude(slug='charge-grand-bilan').first();"
        "report = ConsultationReportPage.objects.live().filter(**fr).exclude(url_path__contains='grand-bilan').first();"
        "big = ConsultationReportPage.objects.live().filter(**fr, url_path__contains='/charge-grand-bilan/').first();"
        "from django.apps import apps;"
        "charter = apps.get_model('charter_pages', 'CharterPage').objects.live().filter(**fr).first();"
        "dashboard = next((m.objects.live().filter(**fr).first() for m in apps.get_models()"
        " if m.__name__ == 'DashboardPage'), None);"
        "print('|'.join(p.url if p else '' for p in (index, consultation, report, charter, dashboard, big)))"
    )
    output = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    index, consultation, report, charter, dashboard, big = output.splitlines()[-1].split("|")
    urls = [
        ("home", "/fr/"),
        ("charter", charter),
        ("consultation index", index),
        ("index, filtered", f"{index}?status=report&year={datetime.date.today().year - 1}"),
        ("index, page 100", f"{index}?page=100"),
        ("a consultation", consultation),
        ("a report", report),
        ("search", "/fr/recherche/?q=concertation"),
        ("dashboard", dashboard),
    ]
    if big:
        urls += [
            ("report with 5,000 contributions", big),
            ("its contributions, page 50", f"{big}contributions/?page=50"),
            ("a search in its contributions", f"{big}contributions/?q=bancs+arbres&decision=not_kept"),
            ("one of its contributions", f"{big}contributions/PM-04242/"),
        ]
    only = [word.strip() for word in os.environ.get("BENCH_ONLY", "").split(",") if word.strip()]
    return [(label, path) for label, path in urls if path and (not only or any(word in label for word in only))]


def publish_under_load():
    """An editor publishes the home page while wrk loads it: zero errors, and the change is live afterwards."""
    marker = f"Mis à jour pendant le banc d'essai {time.time_ns()}"
    script = (
        "from site_core.models import HomePage;"
        "home = HomePage.objects.get(locale__language_code='fr', depth=2);"
        f"home.hero_text = {marker!r};"
        "home.save_revision().publish()"
    )
    with subprocess.Popen(  # noqa: S603
        wrk_command("/fr/"),
        stdout=subprocess.PIPE,
        text=True,
    ) as load:
        time.sleep(SECONDS / 2)
        run([PYTHON, "manage.py", "shell", "--no-imports", "-c", script], env=SERVER_ENV)
        output, _ = load.communicate()
    figures = wrk_figures(output)
    body = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/fr/").read().decode()  # noqa: S310
    figures["change_live"] = marker.replace("'", "&#x27;") in body or marker in body
    return figures


def main():
    if not shutil.which("wrk"):
        step("Installing wrk from Debian's packages")
        run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL)
    WORK.mkdir(exist_ok=True)
    prepare_database()
    step("Collecting static files and compiling translations")
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=SERVER_ENV)
    run([PYTHON, "manage.py", "compile_translations"], env=SERVER_ENV, stdout=subprocess.DEVNULL)
    urls = benchmark_urls()
    results = {}
    for mode, cache_seconds in (("cached", 600), ("uncached", 0)):
        server = start_server(cache_seconds)
        try:
            if mode == "cached":
                step(f"Ceiling: bare Django view, {SECONDS} s")
                results["ceiling"] = wrk("/bench-ceiling/")
            for label, path in urls:
                step(f"{mode}: {label} ({path}), {SECONDS} s")
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}")  # noqa: S310 - warm the cache
                results[(label, mode)] = wrk(path)
            if mode == "cached":
                step(f"Publishing the home page while it is under load, {SECONDS} s")
                results["publish"] = publish_under_load()
        finally:
            stop_server(server)
    server = start_server(0)
    try:
        facts = page_facts(urls)
    finally:
        stop_server(server)
    write_report(urls, results, facts, save=not os.environ.get("BENCH_ONLY"))


def write_report(urls, results, facts, save=True):
    ceiling = results["ceiling"]["rps"]
    header = (
        "| URL | mode | req/s | % of ceiling | p50 ms | p95 ms | p99 ms | errors | SQL queries | HTML bytes "
        "| HTML gzip | page gzip (HTML+CSS+JS) | first request after a publication, ms |"
    )
    lines = [header, "|" + "---|" * 13]
    c = results["ceiling"]
    lines.append(
        f"| bare Django view (ceiling) | — | {ceiling:.0f} | 100 % | {c['p50_ms']:.1f} | {c['p95_ms']:.1f} "
        f"| {c['p99_ms']:.1f} | {c['errors']} | 0 | 10,240 | — | — | — |"
    )
    for label, path in urls:
        fact = facts[label]
        for mode in ("cached", "uncached"):
            r = results[(label, mode)]
            lines.append(
                f"| {label} `{path}` | {mode} | {r['rps']:.0f} | {100 * r['rps'] / ceiling:.0f} % "
                f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | {fact['queries']} "
                f"| {fact['html_bytes']:,} | {fact['html_gzip']:,} | {fact['page_gzip']:,} "
                f"| {fact['after_publication_ms']:.0f} |"
            )
    table = "\n".join(lines)
    publish = results["publish"]
    publish_line = (
        f"Publishing under load: an editor published the home page halfway through {SECONDS} s of load on it: "
        f"{publish['rps']:.0f} req/s, {publish['errors']} errors, p99 {publish['p99_ms']:.1f} ms; the change was "
        f"{'live' if publish['change_live'] else 'NOT live'} on the next request."
    )
    print(table)
    print(publish_line)
    dataset = (
        f"{os.environ.get('BENCH_CONSULTATIONS', 2000)} consultations with 3 phases each, "
        f"{os.environ.get('BENCH_EVENTS', 10000)} events, {os.environ.get('BENCH_REPORTS', 500)} reports with 20 "
        f"contribution records each, one report with {os.environ.get('BENCH_BIG_REPORT', 5000)}, "
        f"{os.environ.get('BENCH_MODULES', 50)} training modules, plus the demo content"
    )
    document = f"""# Benchmarks

Measured by `make bench` on {datetime.date.today().isoformat()}: {os.cpu_count()} cores, gunicorn with 2 sync
workers and production settings, PostgreSQL on the same machine, wrk with 2 threads and {CONNECTIONS}
connections for {SECONDS} s per line. Dataset: {dataset}.

"Cached" is the anonymous whole-page cache (local memory, `site_core/cache.py`); "uncached" turns it off
(`PACTE_PAGE_CACHE_SECONDS=0`), so every request renders the page. The data the site keeps per content
generation (menus, the index's filter options, the dashboard's records, search results) stays on in both
modes, as in production: the last column is the in-process time of the first request after a publication,
which rebuilds it. SQL queries, bytes and gzip sizes are measured for one uncached request; "page gzip" adds
the page's own CSS and JavaScript files.

Targets: cached pages at 60 % or more of the ceiling's requests/s; uncached p95 at most 150 ms; zero errors;
each page's own HTML+CSS+JS at most 30 kB gzip.

{table}

{publish_line}
"""
    if not save:
        step("BENCH_ONLY: a partial run, docs/benchmarks.md left as it is")
        return
    (ROOT / "docs" / "benchmarks.md").write_text(document)
    step("Written to docs/benchmarks.md")


if __name__ == "__main__":
    main()

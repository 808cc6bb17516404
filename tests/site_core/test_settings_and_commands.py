"""Production settings refuse to start without their variables and pass Django's deployment check; a production
process keeps pages in Redis (and what visitors type out of it), keeps its database connection and replaces a dead
one, and sends its cookies over HTTPS only; seed_demo is idempotent and refuses production."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from consultations.models import Contribution
from training.models import Attestation, LessonProgress

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "participation.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://participation.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/pacte",
    "PACTE_BASE_URL": "https://participation.example.org",
}


def manage(*args, env):
    clean_env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean_env, **env}, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "PACTE_BASE_URL"]
)
def test_production_refuses_to_start_and_names_the_missing_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_a_plain_http_loopback_address():
    result = manage("check", env={**PRODUCTION_ENV, "PACTE_BASE_URL": "http://127.0.0.1:8000"})
    assert result.returncode != 0
    assert "pacte.E003" in result.stderr and "pacte.E005" in result.stderr


def serve_in_production(requests, env, database):
    """Run `requests` (Python statements using `get(path)`, the test client's anonymous HTTPS request to the public
    host, `serve(path)`, the status of the same request made as a WSGI server makes it, and `backend_pid()`, the
    PostgreSQL process of the worker's connection) in a process started with the
    production settings against `database`; returns what the statements `report(...)`ed, as JSON values."""
    script = (
        "import json\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='participation.example.org')\n"
        "def get(path): return client.get(path, secure=True)\n"
        "from django.core.handlers.wsgi import WSGIHandler\n"
        "from django.test import RequestFactory\n"
        "handler = WSGIHandler()\n"
        "def serve(path):\n"  # as the WSGI server calls it: with the signals the test client leaves out
        "    environ = RequestFactory().get(path, secure=True, HTTP_HOST='participation.example.org').environ\n"
        "    status = []\n"
        "    handler(environ, lambda line, headers: status.append(int(line.split()[0])))\n"
        "    return status[0]\n"
        "def backend_pid():\n"
        "    with connection.cursor() as cursor:\n"
        "        cursor.execute('SELECT pg_backend_pid()')\n"
        "        return cursor.fetchone()[0]\n"
        "reported = []\n"
        "report = reported.append\n"
        f"{requests}\n"
        "print(json.dumps(reported))\n"
    )
    result = manage("shell", "--no-imports", "-c", script, env={**PRODUCTION_ENV, "DATABASE_URL": database, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def migrated_database(db):
    """The URL of the migrated test database, which a production process can read (its schema is committed)."""
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway Redis server (the system's redis-server), without persistence; its URL."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is missing: apt-get install redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - the system's redis-server with fixed arguments
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _attempt in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def cached_keys(url):
    return [key.decode() for key in redis.Redis.from_url(url).keys("*")]


def test_with_redis_a_page_one_worker_cached_is_kept_in_redis_for_all(migrated_database, redis_url):
    reported = serve_in_production(
        "report(get('/robots.txt').status_code)", env={"REDIS_URL": redis_url}, database=migrated_database
    )
    assert reported == [200]
    assert any(":pacte:page:" in key for key in cached_keys(redis_url)), cached_keys(redis_url)


def test_with_redis_what_visitors_type_stays_out_of_redis(migrated_database, redis_url):
    """Addresses with a query string (searches, filters) must not share Redis's memory with the pages: each worker
    keeps them in its own bounded cache (site_core/cache.py)."""
    reported = serve_in_production(
        "for number in range(5): report(get(f'/robots.txt?visitor={number}').status_code)",
        env={"REDIS_URL": redis_url},
        database=migrated_database,
    )
    assert reported == [200] * 5
    assert cached_keys(redis_url) == []


def test_a_worker_keeps_its_database_connection_and_replaces_a_dead_one(migrated_database):
    """Persistent connections (a new connection per request costs two thirds of the throughput, PITFALLS.md) that
    survive the database closing them: the next request opens a new one instead of failing."""
    first, second, after_restart, status = serve_in_production(
        "serve('/robots.txt'); report(backend_pid())\n"
        "serve('/robots.txt'); report(backend_pid())\n"
        "import psycopg\n"
        "from site_core.backup import connection_arguments\n"
        "with psycopg.connect(**connection_arguments(connection.settings_dict), autocommit=True) as admin:\n"
        "    admin.execute('SELECT pg_terminate_backend(%s)', [reported[0]])\n"
        "status = serve('/robots.txt'); report(backend_pid()); report(status)",
        env={},
        database=migrated_database,
    )
    assert first == second
    assert after_restart != first
    assert status == 200


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """STATIC_ROOT with the files collected, as a deploy does: production pages name them by their hashed names."""
    static_root = tmp_path_factory.mktemp("static")
    result = manage("collectstatic", "--noinput", "-v0", env={**PRODUCTION_ENV, "STATIC_ROOT": str(static_root)})
    assert result.returncode == 0, result.stderr
    return {"STATIC_ROOT": str(static_root)}


def test_production_cookies_are_sent_over_https_only(migrated_database, collected_static):
    """The sign-in form's CSRF cookie: never over plain HTTP, never readable by scripts."""
    [cookie] = serve_in_production(
        "from django.urls import reverse\n"
        "from django.utils import translation\n"
        "translation.activate('fr')\n"
        "morsel = get(reverse('site_core:login')).cookies['csrftoken']\n"
        "report({'secure': bool(morsel['secure']), 'httponly': bool(morsel['httponly'])})",
        env=collected_static,
        database=migrated_database,
    )
    assert cookie == {"secure": True, "httponly": True}


def demo_snapshot():
    """What a second run of seed_demo must leave as it was: every page, every model's row count, the revisions of
    each object, the staff's training progress and attestations, the documents' files (a labelled document printed
    again would get a new fingerprint: its award would no longer match a copy downloaded before)."""
    return {
        "documents": sorted(get_document_model().objects.values_list("title", "file", "file_hash")),
        "pages": sorted(Page.objects.values_list("url_path", "title", "live", "locale__language_code")),
        "rows": {model._meta.label: model._base_manager.count() for model in apps.get_models() if model._meta.managed},
        "revisions": sorted(
            Revision.objects.values_list("content_type_id", "object_id").annotate(count=Count("pk")).order_by()
        ),
        "progress": sorted(LessonProgress.objects.values_list("user__username", "lesson_key", "completed_at")),
        "attestations": sorted(Attestation.objects.values_list("code", flat=True)),
        # The demo reports' contribution records, field by field, with the shared answers they point to.
        "contributions": sorted(
            Contribution.objects.values_list(
                "consultation__url_path",
                "reference",
                "channel",
                "event__title",
                "submitted_on",
                "title",
                "body",
                "language",
                "theme__name",
                "decidim_url",
                "author_name",
                "decision",
                "reason",
                "shared_answer__title",
                "shared_answer__text",
                "answered_on",
            )
        ),
    }


def test_seed_demo_twice_gives_the_same_site(demo_site):
    # The only test that seeds a second time (seeding takes a while): on the demo seeded once for the session.
    first = demo_snapshot()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert demo_snapshot() == first
    assert ("/accueil/", "Accueil", True, "fr") in first["pages"]
    assert first["rows"]["consultations.ImplementationResult"] == 3
    assert first["progress"] and len(first["attestations"]) >= 2
    assert len(first["contributions"]) == first["rows"]["consultations.Contribution"] > 3000


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings):
    settings.PACTE_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")

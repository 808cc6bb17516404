"""Production settings refuse to start without their variables and pass Django's deployment check;
seed_demo is idempotent and refuses production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Count
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


def test_production_uses_redis_when_asked():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_with_redis_what_visitors_type_stays_in_a_bounded_cache_of_each_worker():
    """Searches and addresses with a query string must not share Redis's memory with the pages (site_core/cache.py)."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; queries = settings.CACHES['queries']; "
        "print(queries['BACKEND'], queries['OPTIONS']['MAX_ENTRIES'])",
        env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache 1000", result.stderr


def test_persistent_database_connections_with_health_checks():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; print(c.settings_dict['CONN_MAX_AGE'], "
        "c.settings_dict['CONN_HEALTH_CHECKS'])",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.split() == ["600", "True"], result.stderr


def demo_snapshot():
    """What a second run of seed_demo must leave as it was: every page, every model's row count, the revisions of
    each object, the staff's training progress and attestations."""
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live", "locale__language_code")),
        "rows": {model._meta.label: model._base_manager.count() for model in apps.get_models()},
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

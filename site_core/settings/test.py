"""Test settings: PostgreSQL (DATABASE_URL, default the local server), fast hashing, no real e-mail."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "pacte-test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pacte"),
        conn_max_age=0,
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# The test client's host; tests also send other Host headers to show that absolute links never follow the request.
PACTE_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PACTE_BASE_URL
PACTE_ENVIRONMENT = "test"
# Off by default so tests see each change at once; tests/site_core/test_cache.py turns it on.
PACTE_PAGE_CACHE_SECONDS = 0
# client.login() authenticates without a request, which django-axes refuses; its own test turns it on.
AXES_ENABLED = False
# The followers' queue is also tested on RQ (tests/consultations/follow/test_redis_queue.py): a database of the
# Redis that .ci/run provides. django-rq reads its queues once, at import, so they are set here.
RQ_QUEUES = {
    queue: {"URL": os.environ.get("PACTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")}
    for queue in PACTE_TASK_QUEUES  # noqa: F405
}

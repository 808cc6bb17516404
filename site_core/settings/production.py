"""Production: every secret and host comes from the environment; start-up fails, naming the variable, without it."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .served import *  # noqa: F403


def require_env(name):
    """Return an environment variable, or stop start-up with a message naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production (see README.md, 'Production')."
        )
    return value


def env_list(name):
    return [item.strip() for item in require_env(name).split(",") if item.strip()]


SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": dj_database_url.parse(require_env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)}
# Read here so start-up names it when missing; its form (https, a public host) is a system check
# (site_core/public_address.py).
PACTE_BASE_URL = require_env("PACTE_BASE_URL")
WAGTAILADMIN_BASE_URL = PACTE_BASE_URL

if os.environ.get("REDIS_URL"):
    # Only the main cache moves to Redis, shared by the workers. The "queries" cache stays a bounded LocMemCache in
    # each worker (base.py): in Redis, its keys (typed by visitors) would share memory with the pages and push them
    # out under an LRU policy, or grow without bound without one; in a worker's memory MAX_ENTRIES holds whatever
    # is typed. It is never stale, its keys carrying the content generation read from the database; the cost is
    # that each worker computes a popular search once.
    CACHES = {
        **CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "pacte",
        },
    }


SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PACTE_ENVIRONMENT = "production"

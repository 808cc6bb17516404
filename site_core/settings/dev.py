"""Local development: SQLite by default, debug pages, e-mails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "pacte-dev-only-not-secret"  # noqa: S105 - development only; production requires SECRET_KEY
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

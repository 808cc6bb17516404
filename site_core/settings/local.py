"""`make run`: the served site (served.py, as in production) on this machine, with SQLite and plain http on the
loopback address. The secret key is generated once into a git-ignored file; the address follows PORT."""

import os
import secrets

from .served import *  # noqa: F403

SECRET_KEY_FILE = BASE_DIR / ".secret_key"  # noqa: F405


def local_secret_key(path):
    """The key kept in `path`, written there (readable by this user only) the first time."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key


SECRET_KEY = local_secret_key(SECRET_KEY_FILE)
# Always SQLite, whatever DATABASE_URL says: seed_demo must never write demo content into a real database.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PACTE_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),  # noqa: F405
    }
}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Plain http on loopback: no https redirect, no HSTS, cookies that a browser sends over http.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
CSRF_COOKIE_HTTPONLY = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PACTE_SERVE_MEDIA = True  # no nginx in front of `make run` (see site_core/urls.py)
PACTE_ENVIRONMENT = "local"

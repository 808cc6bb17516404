"""What every served site shares, production and `make run` alike: no debug pages, the site's own 404 and 500,
compressed and fingerprinted static files served by WhiteNoise after collectstatic, logs on the console."""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))  # noqa: F405
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))  # noqa: F405
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns of every screen-only CSS feature it skips (clamp(), width media queries...), dozens of lines
    # per PDF that nobody can act on; its errors (an image it could not read) still show.
    "loggers": {"weasyprint": {"level": "ERROR"}},
}

"""Settings shared by every environment; each environment module imports this one and adjusts it."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "site_core",
    "charter_pages",
    "consultations",
    # Rooms of the consultations app (their models keep the app label "consultations"); after it, as they build on it.
    "consultations.label",
    "consultations.indicators",
    "consultations.decidim",
    # Part of the core, not a room (the core's own admin tool), with an app config for its templates and hooks.
    "consultations.spreadsheet",
    "consultations.follow",
    "consultations.citizens_panels",
    "consultations.opendata",
    "training",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: both use the app label "wagtaillocales"
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_tasks_rq",
    "django_rq",  # the RQ worker command (rqworker) that django_tasks_rq relies on
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "site_core.middleware.SecurityHeadersMiddleware",
    "site_core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the other middleware, so a cached page skips them and a stored page is the finished response.
    "site_core.cache.AnonymousPageCacheMiddleware",
    # Inside the page cache (it reads the content generation the cache sets): the Site and page routes Wagtail
    # would look up on each request, from what is kept per generation.
    "site_core.routing.PageRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks lockouts before Django's model backend authenticates. AxesBackend (rather than the
# standalone one) also answers session look-ups, so Client.force_login and previews keep working.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "site_core.urls"
WSGI_APPLICATION = "site_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "site_core.context_processors.site_settings",
            ],
        },
    },
]

# SQLite is only the zero-setup default for trying the site; tests and production use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the source language; English and Dutch are translations.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("nl", "Nederlands"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "site_core" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Whether Django itself serves uploaded images when DEBUG is off: only under `make run` (settings/local.py), where
# no web server stands in front; in production nginx serves MEDIA_ROOT.
PACTE_SERVE_MEDIA = False
# Outside production WhiteNoise serves files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Large StreamField pages post more than Django's default 1,000 fields and would fail with a blank 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# "development", "test" or "production": commands that must never touch real data check it.
PACTE_ENVIRONMENT = "development"

LOGIN_URL = "site_core:login"
LOGIN_REDIRECT_URL = "/"

WAGTAIL_SITE_NAME = "Pacte"
# The one public address every absolute URL is built from (site_core/public_address.py). On this machine it
# follows the port `make run` and `make dev` serve on; production reads it from the environment.
PACTE_BASE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
WAGTAILADMIN_BASE_URL = PACTE_BASE_URL
# Wagtail's database backend; on PostgreSQL each language is indexed and searched with its own stemming, accents
# ignored (site_core/search_backend.py, configurations made by site_core/migrations/0009), SEARCH_CONFIG for what
# has no language. SQLite's FTS5 matches without accents. A change of configuration needs `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "site_core.search_backend", "SEARCH_CONFIG": "pacte_french"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# First, the handler that hashes the file a visitor checks against a label and keeps none of it (it takes that one
# field only, see consultations/label/uploads.py); then Django's own, for every other upload.
FILE_UPLOAD_HANDLERS = [
    "consultations.label.uploads.FingerprintUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Documents are always served by Wagtail's view, which enforces private collections (never a direct file URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Private pages are for staff accounts, never for a shared password that leaks by e-mail.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# The video platforms editors may embed, in one list from which both the embed finder (the addresses accepted,
# site_core/blocks.py) and the public pages' CSP frame-src (the players a browser may show) are built: a video
# an editor can embed is never left blank for citizens. "frame_hosts" are where each platform's embed code points.
PACTE_EMBED_PROVIDERS = [
    {"name": "YouTube", "oembed": oembed_providers.youtube, "frame_hosts": ["https://www.youtube.com"]},
    {"name": "Vimeo", "oembed": oembed_providers.vimeo, "frame_hosts": ["https://player.vimeo.com"]},
    # Dailymotion's embed code points to its classic player or, for newer videos, to its "geo" player.
    {
        "name": "Dailymotion",
        "oembed": oembed_providers.dailymotion,
        "frame_hosts": ["https://www.dailymotion.com", "https://geo.dailymotion.com"],
    },
]
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [provider["oembed"] for provider in PACTE_EMBED_PROVIDERS]}
]

# Editors see the readability check (Wagtail's content checks) while they write.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

# Whole-page cache for anonymous visitors (site_core/cache.py); 0 turns it off.
PACTE_PAGE_CACHE_SECONDS = 600
# Part of every cache key (remember() values, whole pages): bump it when the shape of something cached changes, so
# a deploy never reads what the previous code stored.
PACTE_CACHE_VERSION = 3

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pacte",
    },
    # Whatever is keyed by what visitors type (pages at an address with a query string, search results): as many
    # entries as there are things to type, so kept apart, with a bound of their own, where they can never push
    # the site's pages out of the main cache. In each process's memory in production too (production.py).
    "queries": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pacte-queries",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# Background work (docs/operations.md). Wagtail's own tasks keep running at once, in the request, as before
# ("default"); followers' e-mails and the PDFs built on publication go to queues of their own that a worker empties,
# so that a publication never waits on SMTP or on WeasyPrint: in the database by default (`manage.py db_worker
# --queue-name notifications,documents`, started by `make run`), on Redis through RQ when PACTE_TASKS_REDIS_URL is
# set (`manage.py rqworker notifications documents --job-class django_tasks_rq.Job`), for when one machine is
# outgrown. The backend keeps the name of its first queue, "notifications".
PACTE_TASKS_REDIS_URL = os.environ.get("PACTE_TASKS_REDIS_URL", "")
PACTE_TASK_QUEUES = ["notifications", "documents"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": (
        {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": PACTE_TASK_QUEUES}
        if PACTE_TASKS_REDIS_URL
        else {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": PACTE_TASK_QUEUES}
    ),
}
RQ_QUEUES = {queue: {"URL": PACTE_TASKS_REDIS_URL or "redis://127.0.0.1:6379/0"} for queue in PACTE_TASK_QUEUES}

# Followers' e-mails (consultations/follow): who they come from, how long an unconfirmed address is kept, how
# many confirmation messages one address may receive a day and how many follow requests one client may send an
# hour.
PACTE_NOTIFICATIONS_FROM = os.environ.get("PACTE_NOTIFICATIONS_FROM", "")
PACTE_FOLLOW_CONFIRMATION_DAYS = 7
PACTE_FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3
PACTE_FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR = 20

# Security headers. Public pages allow no inline script or style; the admin has its own policy
# (site_core/middleware.py) because Wagtail's editor needs inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *(host for provider in PACTE_EMBED_PROVIDERS for host in provider["frame_hosts"])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PACTE_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No request to third-party hosts from the admin either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Sign-in protection (django-axes): five failures for one account from one address lock it for an hour.
# Unlock earlier with `python manage.py axes_reset_username <name>` (README, "Locked-out accounts").
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "site_core/locked_out.html"
AXES_VERBOSE = False
# Lock by the visitor's address, not the reverse proxy's: behind nginx every REMOTE_ADDR is 127.0.0.1, and five
# failures from anyone would lock the account for everyone. PACTE_TRUSTED_PROXY_COUNT is how many proxies stand
# between the visitors and gunicorn (0: reached directly; 1: the nginx of docs/deployment.md).
AXES_CLIENT_IP_CALLABLE = "site_core.client_address.client_ip"


def trusted_proxy_count():
    value = os.environ.get("PACTE_TRUSTED_PROXY_COUNT", "").strip() or "0"
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(
            f"PACTE_TRUSTED_PROXY_COUNT must be a whole number of reverse proxies (0, 1, 2…), not “{value}”."
        )
    return int(value)


PACTE_TRUSTED_PROXY_COUNT = trusted_proxy_count()

# Bounds on a Decidim open-data .zip (consultations/decidim/reading.py), checked before anything is written. An
# export holds one CSV per component type (proposals, meetings, results, comments, budgets…), a few dozen at most;
# its largest, the proposals of a metropolis, is a few megabytes. A small zip can expand to gigabytes: refused.
PACTE_DECIDIM_MAX_ENTRIES = 50
PACTE_DECIDIM_MAX_ENTRY_BYTES = 50 * 1024 * 1024
PACTE_DECIDIM_MAX_TOTAL_BYTES = 200 * 1024 * 1024

# Bounds on a contributions spreadsheet uploaded in the admin (consultations/spreadsheet/reading.py), checked before
# anything is read: the biggest consultation of a metropolis gathers a few thousand contributions, so 20,000 rows and
# 10 MB leave room and refuse what would hold a worker for minutes. An .xlsx is a zip: its expanded size is bounded.
PACTE_SPREADSHEET_MAX_ROWS = 20000
PACTE_SPREADSHEET_MAX_BYTES = 10 * 1024 * 1024
PACTE_SPREADSHEET_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
# How long a file checked by a dry run waits for the editor's confirmation before it is forgotten.
PACTE_SPREADSHEET_UPLOAD_SECONDS = 2 * 60 * 60

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

"""Benchmark settings: production settings, plain HTTP on the loopback, plus the ceiling view's URL."""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from site_core.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "tests.benchmark.urls"
PACTE_PAGE_CACHE_SECONDS = int(os.environ.get("PACTE_PAGE_CACHE_SECONDS", "600"))
# The load generator and the server share a loopback address: HSTS and secure cookies change nothing here.
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "ERROR"}}
# The benchmark serves production settings on the loopback over plain HTTP, which production refuses to start with:
# those two checks (https, a public host) say nothing about speed.
SILENCED_SYSTEM_CHECKS = ["pacte.E003", "pacte.E005"]

"""Wagtail's database search backend, with each language's stemming on PostgreSQL: every object is indexed with the
text search configuration of its language (made by site_core/migrations/0009_search_configuration), and
`backend_for(language)` searches with it. On SQLite (FTS5, no stemming, accents ignored) it is Wagtail's backend
unchanged.

Set as WAGTAILSEARCH_BACKENDS' backend; objects without a language (the admin's snippets...) use SEARCH_CONFIG.
"""

import copy
from collections import defaultdict

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from wagtail.search.backends import get_search_backend

from site_core.site_data import locales

# Language code -> the configuration made by site_core/migrations/0009_search_configuration.
CONFIGURATIONS = {"fr": "pacte_french", "en": "pacte_english", "nl": "pacte_dutch"}


def language_of(obj):
    """The language code of `obj`: its locale's, or (a random draw) its consultation's, or None."""
    locale_id = getattr(obj, "search_locale_id", None) or getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    return next((code for code, locale in locales().items() if locale.pk == locale_id), None)


def SearchBackend(params):  # noqa: N802 - named as Wagtail's backends are, it is one
    backend = database_backend(params)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex

        class LanguageIndex(PostgresIndex):
            def add_items(self, model, objs):
                groups = defaultdict(list)
                for obj in objs:
                    groups[CONFIGURATIONS.get(language_of(obj), self.backend.config)].append(obj)
                for config, group in groups.items():
                    index = copy.copy(self)
                    index.backend = copy.copy(self.backend)
                    index.backend.config = config
                    PostgresIndex.add_items(index, model, group)

        backend.index_class = LanguageIndex
    return backend


def backend_for(language_code):
    """The search backend that searches with `language_code`'s configuration (the one its pages were indexed with)."""
    backend = get_search_backend()
    config = CONFIGURATIONS.get(language_code)
    if connection.vendor != "postgresql" or config is None or getattr(backend, "config", None) is None:
        return backend
    localised = copy.copy(backend)
    localised.config = config
    return localised

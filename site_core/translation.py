"""Which version of a translated record a reader sees: the one in their language, or else the original, marked with
its language so templates add `lang="xx"` and the notice of `{% shown_in_language %}`.

One rule for every page, snippet and listing of the site, for a record with `translation_key` and `locale_id`
(Wagtail's TranslatableMixin: pages and snippets): the version in the reader's language when it is published
(live, and public for a page), else the version in the site's source language (French, where editors write
first), else the version the caller holds. A draft translation is never shown: the reader gets the original.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from wagtail.models import DraftStateMixin, Page

from site_core.site_data import active_locale, default_locale, locales, public_pages


@dataclass(frozen=True)
class Shown:
    """`record` as a reader sees it; `lang` is its language code when that is not the reader's (the record has no
    published version in their language), empty otherwise."""

    record: Any
    lang: str = ""

    def __str__(self):
        return str(self.record)

    @property
    def is_original(self):
        """Whether the record is shown in its original language instead of the reader's."""
        return bool(self.lang)


def _field(record, name):
    """A field of a model instance, or of a `.values()` dict of one (the dashboard keeps plain values)."""
    return record[name] if isinstance(record, dict) else getattr(record, name)


def _published(queryset, public_only):
    """Only the versions a visitor may read: live (and, with `public_only`, public) pages, live snippets that have
    drafts."""
    model = queryset.model
    if issubclass(model, Page):
        return public_pages(queryset.live()) if public_only else queryset.live()
    if issubclass(model, DraftStateMixin):
        return queryset.filter(live=True)
    return queryset


def preferred_locale_ids(locale=None):
    """The locale ids to look for, most wanted first: the reader's language (`locale`, a Locale or its id; the
    active language by default), then the source language."""
    if not isinstance(locale, int):
        locale = getattr(locale or active_locale(), "pk", None)
    source = default_locale()
    return [pk for pk in dict.fromkeys((locale, source.pk if source else None)) if pk]


def language_codes():
    """{locale id: language code}, without a query (locales() is cached per content generation)."""
    return {locale.pk: code for code, locale in locales().items()}


def shown_versions(records, locale=None, *, queryset=None, fields=None, public_only=True):
    """[Shown], one per record and in their order: each record in `locale` (a Locale or its id, the active language
    by default) or its
    original marked with its language, for any number of records in one query at most (none when all are already
    in `locale`). `records` are instances of one model, read from `queryset` (its default manager by default: pass
    one to select related records); or `.values()` dicts (then pass `queryset` and `fields`, the values to read for
    the versions found). Pages under a view restriction are left out, unless `public_only` is False (for pages
    whose readers have passed the restriction: staff training)."""
    records = list(records)
    if not records:
        return []
    wanted = preferred_locale_ids(locale)
    target = wanted[0] if wanted else None
    missing = {_field(record, "translation_key") for record in records if _field(record, "locale_id") != target}
    found = {}
    if missing:
        queryset = queryset if queryset is not None else type(records[0])._default_manager.all()
        versions = _published(queryset.filter(translation_key__in=missing, locale_id__in=wanted), public_only)
        for version in versions.values(*fields) if fields else versions:
            found[(_field(version, "translation_key"), _field(version, "locale_id"))] = version
    codes = language_codes()
    shown = []
    for record in records:
        key = _field(record, "translation_key")
        if _field(record, "locale_id") == target:
            chosen = record
        else:
            chosen = next((found[(key, pk)] for pk in wanted if (key, pk) in found), record)
        chosen_locale = _field(chosen, "locale_id")
        shown.append(Shown(chosen, "" if chosen_locale == target else codes.get(chosen_locale, "")))
    return shown


def shown_version(record, locale=None):
    """The Shown of one record (see shown_versions)."""
    return shown_versions([record], locale)[0]


def distinct_shown(records, locale=None, **options):
    """shown_versions without repeats: a translated page may point at several versions of one record (a French
    territory and its English translation); each record is shown once, at its first place."""
    return distinct(shown_versions(records, locale, **options))


def distinct(shown):
    """[Shown] without repeats of one record (same translation key), each at its first place."""
    seen = {}
    for version in shown:
        seen.setdefault(_field(version.record, "translation_key"), version)
    return list(seen.values())


def pick_version(versions, locale=None):
    """The Shown of one record among `versions`, all the rows already read of it (no query): by the same rule as
    shown_versions, the caller's own rows standing for "published" (it read only those a reader may see). The
    original, when no version is in the reader's or source language, is the first one made (lowest id)."""
    wanted = preferred_locale_ids(locale)
    by_locale = {version.locale_id: version for version in versions}  # one row per language (Wagtail's constraint)
    chosen = next((by_locale[pk] for pk in wanted if pk in by_locale), None)
    chosen = chosen or min(versions, key=lambda version: version.pk)
    target = wanted[0] if wanted else None
    return Shown(chosen, "" if chosen.locale_id == target else language_codes().get(chosen.locale_id, ""))


def locale_preference(locale=None):
    """The same rule as a database expression, to order a record's versions in a query (0 first): the reader's
    language, then the source language, then the others."""
    whens = [When(locale_id=pk, then=Value(rank)) for rank, pk in enumerate(preferred_locale_ids(locale))]
    return Case(*whens, default=Value(len(whens)), output_field=IntegerField())

"""The site search: pages and the records shown on them (events, commitments, draws, labels), ranked together, and
what to suggest when nothing matches.

site_core knows pages only; a domain app makes its records findable by returning `SearchKind` objects from the
`register_search_kinds` hook (its wagtail_hooks.py). Every kind searches the same index (Wagtail's database backend)
with the same ranking, so the scores of a page and of an event compare and the lists interleave.
"""

import dataclasses
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from site_core.cache import QUERY_CACHE_ALIAS
from site_core.search_backend import backend_for
from site_core.site_data import public_pages, remember

# fn() -> [SearchKind]: the records a domain app adds to the search.
SEARCH_KINDS = "register_search_kinds"
# Hits kept per kind and search: 50 pages of results, far more than anyone reads; the count shown is of these.
MAX_HITS_PER_KIND = 500
RESULTS_PER_PAGE = 10
# Results of the suggested words shown when nothing matches what was typed.
SUGGESTED_RESULTS = 3
# Words shorter than this are not corrected: "du", "de" or "6" are typed on purpose.
SUGGESTED_WORD_MIN_LENGTH = 4
# A word, as the search reads it (site_core/views.py's SEARCH_WORD): a run of letters and digits.
WORD = re.compile(r"[^\W_]+")


@dataclass
class SearchResult:
    """One line of the results list, as the citizen reads it."""

    title: str
    url: str
    kind: str
    summary: str = ""
    # The language of the title when it is not the page's (a draw made on another translation).
    lang: str = ""


class SearchKind:
    """A kind of result. `queryset(locale)` holds only what a visitor may see in that language (live, public pages
    and their records); `results(pks, locale, request)` builds the lines of one page of results in a number of
    queries that does not grow with `pks`; `titles(locale)` gives the words the suggestions are chosen from."""

    name = ""

    def queryset(self, locale):
        raise NotImplementedError

    def results(self, pks, locale, request):
        raise NotImplementedError

    def titles(self, locale):
        return list(self.queryset(locale).values_list("title", flat=True)[:MAX_HITS_PER_KIND])

    def hits(self, query, locale):
        """[[pk, score]] of the records matching every word of `query`, best first. (Searching never records a
        hit: Wagtail's Query.add_hit() would write to the database on every search.)"""
        found = backend_for(locale.language_code).search(query, self.queryset(locale), operator="and")
        found = found.annotate_score("_score")
        return [[record.pk, float(record._score or 0)] for record in found[:MAX_HITS_PER_KIND]]


class PageKind(SearchKind):
    """Live, public pages of the language. Each page type names its kind with a `search_result_kind` attribute
    ("Consultation", "Report"); any other page is a "Page"."""

    name = "page"

    def queryset(self, locale):
        return public_pages(Page.objects.live().filter(locale=locale).exclude(depth__lte=1))

    def results(self, pks, locale, request):
        pages = result_pages(pks)
        results = {}
        for pk, page in pages.items():
            model = ContentType.objects.get_for_id(page.content_type_id).model_class()
            results[pk] = SearchResult(
                title=page.title,
                url=page.get_url(request) or "",
                kind=str(getattr(model, "search_result_kind", None) or _("Page")),
                summary=page.search_description or page.listing_summary,
            )
        return results


def result_pages(pks):
    """{id: page} as plain Page rows carrying their listing summary: one query whatever the mix of page types, each
    type's summary read by a subquery (loading each type's own row would cost a query per type, up to ten)."""
    pages = Page.objects.filter(pk__in=pks)
    type_ids = set(pages.values_list("content_type_id", flat=True).order_by())
    models = {ContentType.objects.get_for_id(type_id).model_class() for type_id in type_ids}
    summaries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("listing_summary")[:1])
        for model in models
        if model is not None and any(field.name == "listing_summary" for field in model._meta.get_fields())
    ]
    summary = Coalesce(*summaries, Value(""), output_field=TextField()) if summaries else Value("")
    return pages.annotate(listing_summary=summary).in_bulk()


def search_kinds():
    """{name: kind}: pages first, then what the domain apps register."""
    kinds = [PageKind(), *(kind for function in hooks.get_hooks(SEARCH_KINDS) for kind in function())]
    return {kind.name: kind for kind in kinds}


def ranked_hits(query, locale):
    """[[kind name, pk, score]] of everything matching `query` in `locale`, best first (pages before records at
    equal score: a page holds its records), kept until published content changes."""

    def build():
        hits = []
        for order, kind in enumerate(search_kinds().values()):
            hits.extend([kind.name, pk, score, order] for pk, score in kind.hits(query, locale))
        hits.sort(key=lambda hit: (-hit[2], hit[3]))
        return [hit[:3] for hit in hits]

    return remember(
        "search-hits",
        build,
        variant=f"{locale.pk}:{hashlib.sha256(query.encode()).hexdigest()}",
        using=QUERY_CACHE_ALIAS,
    )


def results_page(words, locale, page_number, request):
    """{"count", "number", "results", "suggestion", "suggested"} of one page of results for `words` (letters and
    digits only), its lines as plain dicts, kept until published content changes: a page of results costs a few
    queries per kind of record on it, and at a consultation's launch many people type the same words. When nothing
    matches, the closest words of the site's titles and their first results. Kept in the bounded cache for
    visitors' input: distinct searches are as many as there are words to type."""

    def build():
        paginator = Paginator(ranked_hits(words, locale), RESULTS_PER_PAGE)
        shown = paginator.get_page(page_number)
        found = {
            "count": paginator.count,
            "number": shown.number,
            "results": [dataclasses.asdict(result) for result in results_of(shown.object_list, locale, request)],
            "suggestion": "",
            "suggested": [],
        }
        if not paginator.count:
            found["suggestion"] = suggested_query(words, locale)
            if found["suggestion"]:
                hits = ranked_hits(found["suggestion"], locale)[:SUGGESTED_RESULTS]
                found["suggested"] = [dataclasses.asdict(result) for result in results_of(hits, locale, request)]
        return found

    # The host too: a page's address is relative on its own site, absolute on another.
    key = f"{locale.pk}\0{request.get_host()}\0{words}\0{page_number}"
    variant = hashlib.sha256(key.encode()).hexdigest()
    return remember("search-page", build, variant=variant, using=QUERY_CACHE_ALIAS)


def results_of(hits, locale, request):
    """The SearchResult of each hit, in the hits' order: one call per kind present, never one per hit."""
    kinds = search_kinds()
    by_kind = {}
    for name, pk, _score in hits:
        by_kind.setdefault(name, []).append(pk)
    built = {name: kinds[name].results(pks, locale, request) if name in kinds else {} for name, pks in by_kind.items()}
    return [built[name][pk] for name, pk, _score in hits if pk in built[name]]


# Suggestions -------------------------------------------------------------------------------------------------


def folded(word):
    """`word` lower-cased and without accents: "Évènement" -> "evenement"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def vocabulary(locale):
    """{folded word: word as written} of the titles of everything findable in `locale` (pages, events,
    commitments, draws, labels), kept until published content changes."""

    def build():
        words = {}
        for kind in search_kinds().values():
            for title in kind.titles(locale):
                for word in WORD.findall(title or ""):
                    if len(word) >= SUGGESTED_WORD_MIN_LENGTH:
                        words.setdefault(folded(word), word.lower())
        return words

    return remember("search-vocabulary", build, variant=str(locale.pk), using=QUERY_CACHE_ALIAS)


def suggested_query(words, locale):
    """`words` with each unknown word replaced by the closest word of the site's titles ("tirag" -> "tirage",
    "concertasion" -> "concertation"), or "" when nothing closer is known."""
    known = vocabulary(locale)
    suggested = []
    changed = False
    for word in words.split():
        key = folded(word)
        if len(key) < SUGGESTED_WORD_MIN_LENGTH or key in known:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(key, known.keys(), n=1, cutoff=0.75)
        if close:
            suggested.append(known[close[0]])
            changed = True
        else:
            suggested.append(word)
    return " ".join(suggested) if changed else ""

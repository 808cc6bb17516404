"""What the charter adds to the site search: each commitment, by its words and its number, at its permanent
address (site_core/search.py, registered in wagtail_hooks.py)."""

from django.utils.text import Truncator

from charter_pages.models import CharterChapter, CharterPage, Commitment
from site_core.search import SearchKind, SearchResult
from site_core.site_data import public_pages


class CommitmentKind(SearchKind):
    name = "commitment"

    def queryset(self, locale):
        charters = public_pages(CharterPage.objects.live().filter(locale=locale))
        return Commitment.objects.filter(chapter__in=CharterChapter.objects.filter(page__in=charters))

    def results(self, pks, locale, request):
        results = {}
        for commitment in Commitment.objects.filter(pk__in=pks).select_related("chapter__page"):
            results[commitment.pk] = SearchResult(
                title=str(commitment),
                url=commitment.get_url(request) or "",
                kind=str(Commitment.search_result_kind),
                summary=Truncator(commitment.promise).words(40),
            )
        return results

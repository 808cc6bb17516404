"""What the consultations add to the site search: each event, with its own page, and each random draw, at its place
on its consultation's page (site_core/search.py, registered in wagtail_hooks.py)."""

from django.db.models import Subquery
from django.utils import timezone

from consultations.models import ConsultationEvent, ConsultationPage, RandomDraw
from site_core.dates import local_date
from site_core.search import SearchKind, SearchResult
from site_core.site_data import public_pages


def shown_consultations(locale):
    """The live, public consultations of `locale`: only their records are found."""
    return public_pages(ConsultationPage.objects.live().filter(locale=locale))


class EventKind(SearchKind):
    name = "event"

    def queryset(self, locale):
        return ConsultationEvent.objects.filter(page__in=shown_consultations(locale))

    def results(self, pks, locale, request):
        results = {}
        for event in ConsultationEvent.objects.filter(pk__in=pks).select_related("page"):
            page = event.page
            page_url = page.get_url(request) or ""
            day = local_date(timezone.localtime(event.start), "DATE_FORMAT") if event.start else ""
            results[event.pk] = SearchResult(
                title=event.title,
                url=page_url + page.reverse_subpage("event", args=[event.pk]).lstrip("/"),
                kind=str(ConsultationEvent.search_result_kind),
                summary=" · ".join(part for part in (day, event.place_name, page.title) if part),
            )
        return results


class DrawKind(SearchKind):
    """A draw is made once, on one translation of its consultation, and shown on every translation's page: found
    in each language whose translation is live and public, with its title in the language it was written in."""

    name = "draw"

    def queryset(self, locale):
        keys = Subquery(shown_consultations(locale).values("translation_key"))
        return RandomDraw.objects.filter(consultation__in=ConsultationPage.objects.filter(translation_key__in=keys))

    def results(self, pks, locale, request):
        draws = list(RandomDraw.objects.filter(pk__in=pks).select_related("consultation__locale"))
        keys = {draw.consultation.translation_key for draw in draws}
        pages = {page.translation_key: page for page in shown_consultations(locale).filter(translation_key__in=keys)}
        results = {}
        for draw in draws:
            page = pages.get(draw.consultation.translation_key)
            if page is None:
                continue
            language = draw.consultation.locale.language_code
            results[draw.pk] = SearchResult(
                title=draw.title,
                url=f"{page.get_url(request) or ''}#tirage-{draw.pk}",
                kind=str(RandomDraw.search_result_kind),
                summary=page.title,
                lang=language if language != locale.language_code else "",
            )
        return results

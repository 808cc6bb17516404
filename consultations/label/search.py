"""What the citizen label adds to the site search: each award, at its verification page (site_core/search.py,
registered in wagtail_hooks.py).

A withdrawn award is found too: its verification page stays public, to say that the label was withdrawn and why,
and the result says so."""

from django.utils.translation import gettext as _

from consultations.label.models import LabelAward, LabelPage
from consultations.models import ConsultationPage
from site_core.dates import local_date
from site_core.search import SearchKind, SearchResult
from site_core.site_data import public_pages


def label_page(locale):
    return public_pages(LabelPage.objects.live().filter(locale=locale)).first()


class AwardKind(SearchKind):
    name = "label_award"

    def queryset(self, locale):
        # No verification page without a live, public label page in this language; nothing of a consultation that
        # is not live and public.
        if not public_pages(LabelPage.objects.live().filter(locale=locale)).exists():
            return LabelAward.objects.none()
        consultations = public_pages(ConsultationPage.objects.live())
        return LabelAward.objects.filter(locale=locale, consultation__in=consultations)

    def titles(self, locale):
        return list(self.queryset(locale).values_list("document_title", flat=True))

    def results(self, pks, locale, request):
        page = label_page(locale)
        if page is None:
            return {}
        results = {}
        for award in LabelAward.objects.filter(pk__in=pks).select_related("level"):
            if award.is_withdrawn:
                status = _("Withdrawn") + " · " + local_date(award.withdrawn_on, "DATE_FORMAT")
            else:
                status = _("Awarded on") + " " + local_date(award.awarded_on, "DATE_FORMAT")
            results[award.pk] = SearchResult(
                title=award.document_title,
                url=page.verification_url(request, award.code),
                kind=str(LabelAward.search_result_kind),
                summary=f"{award.level.name} · {status}",
            )
        return results

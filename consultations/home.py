"""The consultations' sections of the home page (site_core.home's extension point): what a resident can do this week,
chosen from what is published, in the page's language or, not yet translated, in the original one (marked so).

The open, reported and late consultations come in one query, the meetings in another, whatever the number of
consultations. They follow the day and the hour: the whole-page cache keys its pages by date
(site_core.cache.cache_key) and keeps them minutes, never a day.
"""

from django.db.models import Case, Count, DateField, F, Q, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultations import status as statuses
from consultations.models import ConsultationEvent, ConsultationIndexPage, ConsultationPage
from site_core.home import HomeSection
from site_core.site_data import public_pages, remember
from site_core.translation import language_codes, preferred_locale_ids

OPEN_CONSULTATIONS = "open_consultations"
NEXT_MEETINGS = "next_meetings"
LATEST_REPORTS = "latest_reports"
LATE_ANSWERS = "late_answers"
# How many items a section shows; its "see all" link leads to the rest.
ITEMS = 4
STYLESHEET = "consultations/css/home.css"


def shown_consultations(locale_id):
    """The live, public consultations a reader of `locale_id` finds: those in their language, and those in the source
    language not published in theirs (site_core.translation's rule: the reader's version, else the original)."""
    pages = public_pages(ConsultationPage.objects.live())
    wanted = preferred_locale_ids(locale_id)
    if len(wanted) < 2:
        return pages.filter(locale_id__in=wanted)
    reader, source = wanted
    translated = pages.filter(locale_id=reader).values("translation_key")
    return pages.filter(Q(locale_id=reader) | (Q(locale_id=source) & ~Q(translation_key__in=translated)))


def with_status(locale_id):
    """shown_consultations with their status, participation dates and report day (status.annotate_status)."""
    return statuses.annotate_status(shown_consultations(locale_id), timezone.localdate()).defer_streamfields()


def marked(pages, locale_id):
    """The pages, each with `lang`: its language code when it is not the reader's (shown in its original language)."""
    codes = language_codes()
    for page in pages:
        page.lang = "" if page.locale_id == locale_id else codes.get(page.locale_id, "")
    return pages


def index_links(locale_id):
    """The addresses of the consultation index in this language (else in the source language, whose consultations
    the page then shows) and of its calendar, kept per content generation (plain strings; empty when none is
    published)."""

    def build():
        wanted = preferred_locale_ids(locale_id)
        indexes = public_pages(ConsultationIndexPage.objects.live().filter(locale_id__in=wanted)).order_by("path")
        found = {}
        for index in indexes:
            found.setdefault(index.locale_id, index)
        index = next((found[pk] for pk in wanted if pk in found), None)
        if index is None:
            return {"index": "", "calendar": ""}
        url = index.get_url()
        return {"index": url, "calendar": url + index.reverse_subpage("events_calendar").strip("/")}

    return remember(f"home-consultation-index:{locale_id}", build)


def listing_url(page, status):
    url = index_links(page.locale_id)["index"]
    return f"{url}?status={status}" if url else ""


def ranked_consultations(page, request):
    """{status code: [consultations]} for the open ones (soonest closing first), those with a report (the latest
    first) and the late ones (longest waiting first): at most ITEMS of each, each with `in_status`, how many have
    that status, in one query (each consultation ranked within its status by a window function), once per request."""
    kept = getattr(request, "pacte_home_consultations", None)
    if kept is not None:
        return kept
    reports = statuses.reports_of_outer_page()
    first_key = Case(
        When(status_code=statuses.OPEN, then=F("participation_to")),
        When(status_code=statuses.OVERDUE, then=F("answer_due_date")),
        output_field=DateField(),
    )
    found = (
        with_status(page.locale_id)
        .filter(status_code__in=[statuses.OPEN, statuses.REPORT, statuses.OVERDUE])
        .annotate(
            live_report_slug=Subquery(reports.values("slug")[:1]),
            report_published_at=Subquery(reports.values("first_published_at")[:1]),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("status_code")],
                order_by=[first_key.asc(), F("report_published_at").desc(nulls_last=True), "title", "pk"],
            ),
            in_status=Window(Count("pk"), partition_by=[F("status_code")]),
        )
        .filter(rank__lte=ITEMS)
    )
    kept = {}
    for consultation in sorted(found, key=lambda consultation: consultation.rank):
        kept.setdefault(consultation.status_code, []).append(consultation)
    for consultations in kept.values():
        marked(consultations, page.locale_id)
    if request is not None:
        request.pacte_home_consultations = kept
    return kept


def open_consultations(page, request):
    """The open consultations, soonest closing first, with their closing date and where to take part."""
    consultations = ranked_consultations(page, request).get(statuses.OPEN, [])
    return {
        "template": "consultations/home/open_consultations.html",
        "stylesheet": STYLESHEET,
        "consultations": consultations,
        # With none open, the whole list (upcoming and past ones) rather than an empty filter.
        "see_all_url": listing_url(page, statuses.OPEN) if consultations else index_links(page.locale_id)["index"],
    }


def next_meetings(page, request):
    """The meetings not yet over of the consultations shown, soonest first, with their calendar file."""
    events = (
        ConsultationEvent.objects.filter(
            page__in=shown_consultations(page.locale_id).values("pk"), end__gte=timezone.now()
        )
        .select_related("page")
        .defer("page__body")
        .order_by("start", "sort_order", "pk")[:ITEMS]
    )
    events = list(events)
    marked([event.page for event in events], page.locale_id)
    links = index_links(page.locale_id)
    return {
        "template": "consultations/home/next_meetings.html",
        "stylesheet": STYLESHEET,
        "events": events,
        "see_all_url": links["index"],
        "calendar_url": links["calendar"],
    }


def latest_reports(page, request):
    """The consultations whose report is published, the latest report first, with whether it came on time."""
    return {
        "template": "consultations/home/latest_reports.html",
        "stylesheet": STYLESHEET,
        "consultations": ranked_consultations(page, request).get(statuses.REPORT, []),
        "see_all_url": listing_url(page, statuses.REPORT),
    }


def late_answers(page, request):
    """How many consultations wait for a report after the date promised for it (status.OVERDUE: the one rule of
    "late", status.report_timeliness, for a report still missing), the longest waiting first."""
    listed = ranked_consultations(page, request).get(statuses.OVERDUE, [])
    count = listed[0].in_status if listed else 0
    summary = (
        ngettext("%(count)s report is late.", "%(count)s reports are late.", count) % {"count": count}
        if count
        else _("No report is late: every answer promised by today has been published.")
    )
    return {
        "template": "consultations/home/late_answers.html",
        "stylesheet": STYLESHEET,
        "count": count,
        "summary": summary,
        "consultations": listed,
        "see_all_url": listing_url(page, statuses.OVERDUE) if count else "",
    }


def home_sections():
    """The sections offered to the home page's editor, in the order a new home page shows them."""
    return [
        HomeSection(OPEN_CONSULTATIONS, _("Open consultations, soonest closing first"), open_consultations),
        HomeSection(NEXT_MEETINGS, _("Next meetings, with their calendar file"), next_meetings),
        HomeSection(LATEST_REPORTS, _("Latest published reports"), latest_reports),
        HomeSection(LATE_ANSWERS, _("Late answers: how many reports are overdue"), late_answers),
    ]

"""ConsultationIndexPage: the consultations of one language, filtered, with an RSS feed and an events calendar."""

import datetime

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from consultations.calendar import calendar_response
from consultations.filters import ConsultationFilters
from site_core.models import BasePage
from site_core.site_data import public_pages

from .consultation import ConsultationPage, localise_records, localised_by_pk
from .mixins import LocalisedRoutableMixin
from .records import ConsultationEvent, ConsultationPhase
from .report import ConsultationReportPage

RESULTS_PER_PAGE = 10
FEED_ITEMS = 30


class ConsultationIndexPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (the list, `?status=&theme=&territory=&year=&page=`), "feed/" (RSS 2.0, route name "feed")
    and "events.ics" (upcoming events, route name "events_calendar"). Its slug is the editors' choice per
    language: the demo uses "concertations" in French and "consultations" in English."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Une ou deux phrases : ce qu'est une concertation et comment y participer."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultations = self.consultations
        filters = ConsultationFilters(request.GET, self.theme_options, self.territory_options, self.year_options)
        selected = filters.apply(consultations)
        paginator = Paginator(selected, RESULTS_PER_PAGE)
        raw_page = request.GET.get("page", "1")
        try:
            paginator.validate_number(raw_page)
        except InvalidPage:  # "²" or 5,000 digits used to reach int() and fail with a server error
            filters.add_notice(_("“%(value)s” is not a page of these results: showing the nearest page."), raw_page)
        results_page = paginator.get_page(raw_page)
        prefetch_related_objects(results_page.object_list, "events")
        context.update(
            filters=filters,
            results_page=results_page,
            result_count=paginator.count,
            total_count=len(consultations),
            theme_options=sorted(self.theme_options.values(), key=lambda tag: tag.name),
            territory_options=sorted(self.territory_options.values(), key=lambda territory: territory.name),
            year_options=self.year_options,
        )
        return context

    @cached_property
    def consultations(self):
        """Every live consultation of this index, newest first, with the data its status, filters and sorting
        need, in a fixed number of queries whatever their number. Events are fetched later, for the listed page
        of results only (get_context): with thousands of consultations they dominated the time."""
        report_published = ConsultationReportPage.objects.live().filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
        )
        pages = list(
            public_pages(ConsultationPage.objects.child_of(self).live())
            .annotate(
                has_live_report=Exists(report_published),
                live_report_slug=Subquery(public_pages(report_published).values("slug")[:1]),
            )
            .defer_streamfields()
            .prefetch_related(
                Prefetch("phases", queryset=ConsultationPhase.objects.order_by("start_date", "sort_order")),
                "tagged_items__tag",
                "territories",
            )
        )
        self._localise_territories(pages)
        far_past = datetime.date.min
        pages.sort(
            key=lambda page: (page.launch_date or far_past, page.first_published_at or timezone.now()), reverse=True
        )
        return pages

    def _localise_territories(self, pages):
        """Each page's territories in this index's language, for all pages in at most one more query."""
        territories = list({territory.pk: territory for page in pages for territory in page.territories.all()}.values())
        mapping = localised_by_pk(territories, self.locale_id)
        for page in pages:
            chosen = localise_records(list(page.territories.all()), self.locale_id, mapping)
            page.territory_list = sorted(chosen, key=lambda territory: territory.name)

    @cached_property
    def theme_options(self):
        return {tag.slug: tag for page in self.consultations for tag in page.theme_tags}

    @cached_property
    def territory_options(self):
        return {territory.slug: territory for page in self.consultations for territory in page.territory_list}

    @cached_property
    def year_options(self):
        return sorted({page.launch_date.year for page in self.consultations if page.launch_date}, reverse=True)

    @path("feed/", name="feed")
    def feed_view(self, request):
        """RSS 2.0: the consultations, newest first, each with its status and summary."""
        feed = Rss201rev2Feed(
            title=self.title,
            link=self.get_full_url(request),
            description=self.introduction or self.listing_summary or self.title,
            language=self.locale.language_code,
            feed_url=request.build_absolute_uri(),
        )
        for page in self.consultations[:FEED_ITEMS]:
            url = page.get_full_url(request)
            feed.add_item(
                title=page.title,
                link=url,
                unique_id=url,
                description=f"{page.status.label}. {page.summary}",
                pubdate=page.first_published_at,
                updateddate=page.last_published_at,
                categories=[tag.name for tag in page.theme_tags],
            )
        return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")

    @path("events.ics/", name="events_calendar")
    def events_calendar_view(self, request):
        """iCalendar of the upcoming (not yet ended) events of this index's consultations."""
        events = (
            ConsultationEvent.objects.filter(page__in=public_pages(ConsultationPage.objects.child_of(self).live()))
            .filter(end__gte=timezone.now())
            .select_related("page")
            .order_by("start", F("sort_order").asc())
        )
        return calendar_response(request, list(events), name=self.title, filename="evenements.ics")

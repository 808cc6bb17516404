"""ConsultationIndexPage: the consultations of one language, filtered, with an RSS feed and an events calendar."""

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import F, Min, Prefetch, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from consultations import status as statuses
from consultations.calendar import calendar_response
from consultations.filters import ConsultationFilters
from site_core.models import BasePage
from site_core.site_data import public_pages, remember

from .consultation import ConsultationPage, localise_records, localised_by_pk
from .mixins import LocalisedRoutableMixin
from .records import ConsultationEvent, ConsultationPhase
from .taxonomy import ConsultationTag, Territory

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
        filters = ConsultationFilters(request.GET, self.theme_options, self.territory_options, self.year_options)
        # Page through primary keys, then load the ten listed pages with their cards' data: the statuses and
        # reports of the skipped rows are never computed.
        matching = filters.filter_queryset(self.consultations()).values_list("pk", flat=True)
        paginator = Paginator(matching, RESULTS_PER_PAGE)
        raw_page = request.GET.get("page", "1")
        try:
            paginator.validate_number(raw_page)
        except InvalidPage:  # "²" or 5,000 digits used to reach int() and fail with a server error
            filters.add_notice(_("“%(value)s” is not a page of these results: showing the nearest page."), raw_page)
        results_page = paginator.get_page(raw_page)
        results_page.object_list = self.listed(list(results_page.object_list))
        context.update(
            filters=filters,
            results_page=results_page,
            result_count=paginator.count,
            theme_options=sorted(self.theme_options.values(), key=lambda tag: tag.name),
            territory_options=sorted(self.territory_options.values(), key=lambda territory: territory.name),
            year_options=self.year_options,
        )
        return context

    def consultations(self):
        """Every live, public consultation of this index, newest first, with its status and launch date computed
        by the database: filtering, counting and paging happen there, so the cost of a request does not grow with
        the number of consultations (2,000 in `make bench`)."""
        pages = statuses.annotate_status(
            public_pages(ConsultationPage.objects.child_of(self).live()), timezone.localdate()
        )
        return pages.order_by(F("launch_on").desc(nulls_last=True), F("first_published_at").desc(nulls_first=True))

    def listed(self, ids):
        """The pages `ids`, in that order, with what their cards show (status, report link, phases, events,
        themes, territories in this index's language): a fixed number of queries, whatever the page of results."""
        report_slug = statuses.reports_of_outer_page().values("slug")[:1]
        found = (
            statuses.annotate_status(ConsultationPage.objects.filter(pk__in=ids), timezone.localdate())
            .annotate(live_report_slug=Subquery(report_slug))
            .defer_streamfields()
            .prefetch_related(
                Prefetch("phases", queryset=ConsultationPhase.objects.order_by("start_date", "sort_order")),
                "events",
                Prefetch("tagged_items", queryset=ConsultationTag.objects.select_related("tag")),
                "territories",
            )
            .in_bulk()
        )
        pages = [found[pk] for pk in ids if pk in found]
        self._localise_territories(pages)
        return pages

    def _localise_territories(self, pages):
        """Each page's territories in this index's language, for all pages in at most one more query."""
        territories = list({territory.pk: territory for page in pages for territory in page.territories.all()}.values())
        mapping = localised_by_pk(territories, self.locale_id)
        for page in pages:
            chosen = localise_records(list(page.territories.all()), self.locale_id, mapping)
            page.territory_list = sorted(chosen, key=lambda territory: territory.name)

    @cached_property
    def filter_options(self):
        """The themes, territories (in this index's language where translated) and launch years on offer, read in
        three grouped queries and kept until published content changes."""

        def build():
            listed = public_pages(ConsultationPage.objects.child_of(self).live()).values("pk")
            tag_ids = ConsultationTag.objects.filter(content_object__in=listed).values("tag_id")
            territories = list(Territory.objects.filter(consultations__in=listed).distinct())
            launches = (
                ConsultationPhase.objects.filter(page__in=listed).values("page").annotate(launch=Min("start_date"))
            )
            return {
                "themes": {tag.slug: tag for tag in Tag.objects.filter(pk__in=tag_ids)},
                "territories": {
                    territory.slug: territory
                    for territory in (localise_records(territories, self.locale_id) if territories else [])
                },
                "years": sorted({row["launch"].year for row in launches}, reverse=True),
            }

        return remember(f"consultation-index-options:{self.pk}", build)

    @property
    def theme_options(self):
        return self.filter_options["themes"]

    @property
    def territory_options(self):
        return self.filter_options["territories"]

    @property
    def year_options(self):
        return self.filter_options["years"]

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
        for page in self.listed(list(self.consultations().values_list("pk", flat=True)[:FEED_ITEMS])):
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

"""ConsultationIndexPage: the consultations of one language, filtered, with an RSS feed and an events calendar."""

import datetime
from typing import NamedTuple

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

from consultations import extensions
from consultations import status as statuses
from consultations.calendar import calendar_response
from consultations.filters import ConsultationFilters
from site_core import public_address
from site_core.models import BasePage
from site_core.site_data import in_field_order, public_pages, remember
from site_core.translation import distinct_shown, shown_versions

from .consultation import ConsultationPage
from .mixins import LocalisedRoutableMixin
from .records import ConsultationEvent, ConsultationPhase
from .taxonomy import ConsultationTag, Territory

RESULTS_PER_PAGE = 10
FEED_ITEMS = 30
LISTING_SECONDS = 3600  # the statuses follow the day through the key; publications through the generation
# What the filters show of a theme and a territory, kept as plain rows (site_data.remember).
TAG_FIELDS = in_field_order(Tag, ("id", "name", "slug"))
TERRITORY_FIELDS = in_field_order(Territory, ("id", "name", "slug", "kind", "locale_id", "translation_key"))


class ListingEntry(NamedTuple):
    """One consultation as the index's filters and order see it (kept as a plain tuple: cheap to keep and to copy)."""

    pk: int
    launch_date: datetime.date | None
    status_code: str
    theme_slugs: frozenset
    territory_slugs: frozenset

    @property
    def status(self):
        return statuses.Status(self.status_code)


class ConsultationIndexPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (the list, `?status=&theme=&territory=&year=&page=`), "feed/" (RSS 2.0, route name "feed")
    and "events.ics" (upcoming events, route name "events_calendar"). Its slug is the editors' choice per
    language: the demo uses "concertations" in French and "consultations" in English."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences: what a consultation is and how to take part."),
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
        # Filter and page the light listing entries, then load the ten listed pages with their cards' data.
        results_page = filters.page_of(filters.apply(self.listing()), RESULTS_PER_PAGE)
        results_page.object_list = self.listed(results_page.object_list)
        context.update(
            filters=filters,
            results_page=results_page,
            result_count=results_page.paginator.count,
            theme_options=sorted(self.theme_options.values(), key=lambda tag: tag.name),
            territory_options=sorted(self.territory_options.values(), key=lambda territory: territory.name),
            year_options=self.year_options,
            extra_sections=extensions.all_answers(extensions.INDEX_SECTIONS, self, filters),
        )
        return context

    def consultations(self):
        """Every live, public consultation of this index, newest first, with its status and launch date computed
        by the database (status.annotate_status)."""
        pages = statuses.annotate_status(
            public_pages(ConsultationPage.objects.child_of(self).live()), timezone.localdate()
        )
        return pages.order_by(F("launch_on").desc(nulls_last=True), F("first_published_at").desc(nulls_first=True))

    def listing(self):
        """[ListingEntry] for every consultation, newest first: what the filters and the order need, in three
        queries, kept in each process until the next published change or day. A request then filters and pages
        plain tuples and loads only the ten consultations it shows (2,000 consultations in `make bench`)."""

        def build():
            ids = public_pages(ConsultationPage.objects.child_of(self).live()).values("pk")
            themes = {}
            for page_id, slug in ConsultationTag.objects.filter(content_object__in=ids).values_list(
                "content_object", "tag__slug"
            ):
                themes.setdefault(page_id, set()).add(slug)
            links = list(
                ConsultationPage.territories.through.objects.filter(consultationpage__in=ids).values_list(
                    "consultationpage", "territory"
                )
            )
            # Territories in this index's language: a translated page may still point at the source's records.
            territories = list(Territory.objects.filter(pk__in={territory for _page, territory in links}))
            shown = shown_versions(territories, self.locale_id)
            slugs = {territory.pk: version.record.slug for territory, version in zip(territories, shown, strict=True)}
            places = {}
            for page_id, territory in links:
                places.setdefault(page_id, set()).add(slugs[territory])
            return [
                (pk, launch, code, frozenset(themes.get(pk, ())), frozenset(places.get(pk, ())))
                for pk, launch, code in self.consultations().values_list("pk", "launch_on", "status_code")
            ]

        rows = remember(
            f"consultation-listing:{self.pk}",
            build,
            seconds=LISTING_SECONDS,
            variant=timezone.localdate().isoformat(),
        )
        return [ListingEntry._make(row) for row in rows]

    def listed(self, entries):
        """The pages of these listing entries, in their order, with what their cards show (status, report link,
        phases, events, themes, territories in this index's language): a fixed number of queries."""
        report_slug = statuses.reports_of_outer_page().values("slug")[:1]
        found = (
            ConsultationPage.objects.filter(pk__in=[entry.pk for entry in entries])
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
        pages = []
        for entry in entries:
            if entry.pk in found:
                page = found[entry.pk]
                page.status_code = entry.status_code  # read by ConsultationPage.status
                pages.append(page)
        self._localise_territories(pages)
        return pages

    def _localise_territories(self, pages):
        """Each page's territories as ConsultationPage.territory_list gives them ([Shown] in this index's language,
        by name), for all pages in at most one more query."""
        territories = list({territory.pk: territory for page in pages for territory in page.territories.all()}.values())
        shown = {
            territory.pk: version
            for territory, version in zip(territories, shown_versions(territories, self.locale_id), strict=True)
        }
        for page in pages:
            chosen = {}
            for territory in page.territories.all():
                chosen.setdefault(shown[territory.pk].record.translation_key, shown[territory.pk])
            page.territory_list = sorted(chosen.values(), key=lambda version: version.record.name)

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
            localised = [shown.record for shown in distinct_shown(territories, self.locale_id)]
            return {
                "themes": list(Tag.objects.filter(pk__in=tag_ids).values_list(*TAG_FIELDS)),
                "territories": [
                    tuple(getattr(territory, name) for name in TERRITORY_FIELDS) for territory in localised
                ],
                "years": sorted({row["launch"].year for row in launches}, reverse=True),
            }

        options = remember(f"consultation-index-options:{self.pk}", build)
        themes = [Tag.from_db("default", TAG_FIELDS, row) for row in options["themes"]]
        territories = [Territory.from_db("default", TERRITORY_FIELDS, row) for row in options["territories"]]
        return {
            "themes": {tag.slug: tag for tag in themes},
            "territories": {territory.slug: territory for territory in territories},
            "years": options["years"],
        }

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
            link=public_address.page_url(self),
            description=self.introduction or self.listing_summary or self.title,
            language=self.locale.language_code,
            feed_url=public_address.absolute_url(request.path),
        )
        for page in self.listed(self.listing()[:FEED_ITEMS]):
            url = public_address.page_url(page)
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

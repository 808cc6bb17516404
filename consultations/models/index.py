"""ConsultationIndexPage: the consultations of one language, filtered, with an RSS feed and an events calendar."""

import datetime
from typing import NamedTuple

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
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
from site_core.translation import Shown, distinct, pick_version, shown_versions

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


def feed_timeliness(timeliness):
    """The feed's words for a late report (the same rule as the pages: status.report_timeliness), or nothing."""
    if not timeliness.is_late:
        return []
    if timeliness.report_missing:
        text = ngettext(
            "Report late: %(days)s day past the promised date.",
            "Report late: %(days)s days past the promised date.",
            timeliness.days_late,
        )
    else:
        text = ngettext(
            "Report published %(days)s day after the promised date.",
            "Report published %(days)s days after the promised date.",
            timeliness.days_late,
        )
    return [text % {"days": timeliness.days_late}]


class ListingEntry(NamedTuple):
    """One consultation as the index's filters and order see it (kept as a plain tuple: cheap to keep and to copy)."""

    pk: int
    launch_date: datetime.date | None
    status_code: str
    theme_slugs: frozenset
    territory_slugs: frozenset
    lang: str  # the consultation's language code when it is not yet translated into this index's, else ""

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

    def shown_consultations(self):
        """{page id: language code or ""}: every live, public consultation of this index or of its translations,
        once each, in this index's language when it is translated into it, else in its original language (the
        code says which). A consultation not yet translated is listed, marked, rather than left out: the English
        list must not show 1 consultation of 9 and say nothing of the others (site_core.translation's rule)."""
        # Children of any version of this index, in the same query: a parent's path is its child's first steps
        # (the versions of a page stand at the same depth of their language's tree, as wagtail-localize makes them).
        index_versions = Page.objects.filter(
            translation_key=self.translation_key,
            depth=OuterRef("depth") - 1,
            path=Substr(OuterRef("path"), 1, len(self.path)),
        )
        under = Q(Exists(index_versions))
        versions = {}
        for page in public_pages(ConsultationPage.objects.filter(under).live()).only(
            "id", "translation_key", "locale_id"
        ):
            versions.setdefault(page.translation_key, []).append(page)
        shown = (pick_version(pages, self.locale_id) for pages in versions.values())
        return {version.record.pk: version.lang for version in shown}

    def consultations(self, languages=None):
        """The consultations this index lists (`languages`: shown_consultations), newest first, with their status
        and launch date computed by the database (status.annotate_status)."""
        languages = self.shown_consultations() if languages is None else languages
        pages = ConsultationPage.objects.filter(pk__in=list(languages))
        pages = statuses.annotate_status(pages, timezone.localdate())
        return pages.order_by(F("launch_on").desc(nulls_last=True), F("first_published_at").desc(nulls_first=True))

    def listing(self):
        """[ListingEntry] for every consultation, newest first: what the filters and the order need (see
        listing_data). A request then filters and pages plain tuples and loads only the ten consultations it shows
        (2,000 consultations in `make bench`)."""
        return [ListingEntry._make(row) for row in self.listing_data["entries"]]

    @cached_property
    def listing_data(self):
        """Plain values, in four queries kept until the next published change or day: the listing's entries, the
        filters' options (themes, territories in this index's language where translated, launch years) and each
        consultation's territories as its card shows them (ids of those options, with their language marks)."""

        def build():
            languages = self.shown_consultations()
            ids = list(languages)
            themes, tags, tag_langs = {}, {}, {}
            for page_id, *tag in ConsultationTag.objects.filter(content_object__in=ids).values_list(
                "content_object", *(f"tag__{name}" for name in TAG_FIELDS)
            ):
                themes.setdefault(page_id, set()).add(tag[TAG_FIELDS.index("slug")])
                tags[tag[0]] = tuple(tag)
                # A theme is in this index's language if one of its consultations is (tags are written per page).
                tag_langs[tag[0]] = "" if not languages[page_id] else tag_langs.get(tag[0], languages[page_id])
            links = list(
                ConsultationPage.territories.through.objects.filter(consultationpage__in=ids).values_list(
                    "consultationpage", "territory"
                )
            )
            # Territories in this index's language: a translated page may still point at the source's records.
            territories = list(Territory.objects.filter(pk__in={territory for _page, territory in links}))
            shown = dict(zip((t.pk for t in territories), shown_versions(territories, self.locale_id), strict=True))
            options = distinct(shown.values())
            places, cards = {}, {}
            for page_id, territory in links:
                version = shown[territory]
                places.setdefault(page_id, set()).add(version.record.slug)
                cards.setdefault(page_id, {})[version.record.translation_key] = [version.record.pk, version.lang]
            entries = [
                (pk, launch, code, frozenset(themes.get(pk, ())), frozenset(places.get(pk, ())), languages[pk])
                for pk, launch, code in self.consultations(languages).values_list("pk", "launch_on", "status_code")
            ]
            return {
                "entries": entries,
                "themes": list(tags.values()),
                "theme_langs": [tag_langs[pk] for pk in tags],
                "territories": [
                    tuple(getattr(version.record, name) for name in TERRITORY_FIELDS) for version in options
                ],
                "territory_langs": [version.lang for version in options],
                "card_territories": {pk: list(chosen.values()) for pk, chosen in cards.items()},
                "years": sorted({launch.year for _pk, launch, *_rest in entries if launch}, reverse=True),
            }

        return remember(
            f"consultation-listing:{self.pk}",
            build,
            seconds=LISTING_SECONDS,
            variant=timezone.localdate().isoformat(),
        )

    def listed(self, entries):
        """The pages of these listing entries, in their order, with what their cards show (status, report link,
        phases, events; themes and territories from listing_data): a fixed number of queries."""
        report_slug = statuses.reports_of_outer_page().values("slug")[:1]
        found = (
            ConsultationPage.objects.filter(pk__in=[entry.pk for entry in entries])
            .annotate(live_report_slug=Subquery(report_slug), report_published_on=statuses.report_day_of_outer_page())
            .defer_streamfields()
            .prefetch_related(
                Prefetch("phases", queryset=ConsultationPhase.objects.order_by("start_date", "sort_order")),
                "events",
            )
            .in_bulk()
        )
        themes = self.theme_options
        territories = {territory.pk: territory for territory in self.territory_options.values()}
        card_territories = self.listing_data["card_territories"]
        pages = []
        for entry in entries:
            if entry.pk in found:
                page = found[entry.pk]
                page.status_code = entry.status_code  # read by ConsultationPage.status
                page.shown_lang = entry.lang  # the card's language when not this index's
                # ConsultationPage.theme_tags and .territory_list, as the page itself would give them
                page.theme_tags = sorted((themes[slug] for slug in entry.theme_slugs), key=lambda tag: tag.name)
                page.territory_list = sorted(
                    (Shown(territories[pk], lang) for pk, lang in card_territories.get(entry.pk, ())),
                    key=lambda version: version.record.name,
                )
                pages.append(page)
        return pages

    @cached_property
    def filter_options(self):
        """The themes, territories (in this index's language where translated) and launch years on offer."""
        data = self.listing_data
        themes = [Tag.from_db("default", TAG_FIELDS, row) for row in data["themes"]]
        for tag, lang in zip(themes, data["theme_langs"], strict=True):
            tag.lang = lang
        territories = [Territory.from_db("default", TERRITORY_FIELDS, row) for row in data["territories"]]
        for territory, lang in zip(territories, data["territory_langs"], strict=True):
            territory.lang = lang  # its language code when not this index's (site_core.translation.Shown)
        return {
            "themes": {tag.slug: tag for tag in themes},
            "territories": {territory.slug: territory for territory in territories},
            "years": data["years"],
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
                description=" ".join([f"{page.status.label}.", *feed_timeliness(page.timeliness), page.summary]),
                pubdate=page.first_published_at,
                updateddate=page.last_published_at,
                categories=[tag.name for tag in page.theme_tags],
            )
        return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")

    @path("events.ics/", name="events_calendar")
    def events_calendar_view(self, request):
        """iCalendar of the upcoming (not yet ended) events of this index's consultations."""
        events = (
            ConsultationEvent.objects.filter(page__in=list(self.shown_consultations()))
            .filter(end__gte=timezone.now())
            .select_related("page")
            .order_by("start", F("sort_order").asc())
        )
        return calendar_response(request, list(events), name=self.title, filename="evenements.ics")

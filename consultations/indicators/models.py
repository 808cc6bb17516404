"""DashboardPage: the indicators of the participation policy, computed from the records, with server-drawn SVG
charts, the same figures in tables, GET filters and a CSV download of the figures shown."""

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Locale, Page
from wagtail.search import index

from charter_pages.models import Commitment
from consultations.filters import ConsultationFilters
from consultations.indicators import aggregation, charts, definitions, loading
from consultations.models import ConsultationPage, Territory
from consultations.models.mixins import LocalisedRoutableMixin
from site_core.models import BasePage
from site_core.site_data import remember
from site_core.translation import distinct, shown_versions

# What the dashboard reads of a territory version (site_core.translation.shown_versions on plain values).
TERRITORY_FIELDS = ("translation_key", "locale_id", "slug", "name")

CONSULTATIONS_PER_PAGE = 25


def display(indicator, value):
    """An indicator's value as a reader writes it in the active language ("42,9 %", "1 180", "97 days")."""
    if value is None:
        return "–"
    if indicator.kind == definitions.SHARE:
        return f"{number_format(value, decimal_pos=1)} %"
    if indicator.kind == definitions.DAYS:
        return gettext("%(days)s days") % {"days": number_format(value, decimal_pos=0, force_grouping=True)}
    return number_format(value, force_grouping=True)


def raw(value):
    """An indicator's value in the CSV: plain digits with a dot, empty when unknown."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@dataclass(frozen=True)
class CsvFormat:
    """A flavour of the figures' CSV: the default one (comma, decimal point: what programs read), or the one French
    spreadsheets such as Excel open as they are (semicolon, decimal comma, and UTF-8 with a byte-order mark, by
    which Excel knows the file is UTF-8)."""

    key: str
    delimiter: str
    decimal: str
    bom: bool
    filename: str

    def figure(self, raw_figure):
        """A figure written by `raw` ("71.4"), with this format's decimal mark."""
        return raw_figure.replace(".", self.decimal)


CSV_FORMATS = {
    "": CsvFormat("", ",", ".", False, "indicateurs.csv"),
    "spreadsheet-fr": CsvFormat("spreadsheet-fr", ";", ",", True, "indicateurs-tableur.csv"),
}
# The query parameter that picks a CSV format (an unknown value gives the default one); never passed on to filters.
CSV_FORMAT_PARAMETER = "format"


class DashboardPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (`?year=&theme=&territory=&status=`) and "figures.csv" (route "csv", the same filters)."""

    introduction = models.TextField(
        _("introduction"),
        help_text=_("What the dashboard shows and where the figures come from, in two or three sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("indicators dashboard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, dashboard = self.filtered_dashboard(request)
        summary = dashboard.summary
        # The per-consultation table is paged (thousands of rows would weigh megabytes); the CSV holds them all.
        consultations_page = filters.page_of(dashboard.newest_first, CONSULTATIONS_PER_PAGE)
        statuses = aggregation.status_counts(dashboard.records)
        by_year = dashboard.breakdown("year")
        shares = [indicator for indicator in definitions.INDICATORS if indicator.kind == definitions.SHARE]
        context.update(
            filters=filters,
            theme_options=sorted(self.all_themes.values(), key=lambda tag: tag.name.lower()),
            territory_options=sorted(self.all_territories.values(), key=lambda tag: tag.name.lower()),
            year_options=self.years,
            cards=[
                {"indicator": card["indicator"], "display": display(card["indicator"], card["value"])}
                for card in dashboard.indicator_cards()
            ],
            columns=definitions.INDICATORS,
            partial_reports=summary["partial_reports"],
            tables=self.tables(dashboard, dashboard.consultation_rows(consultations_page.object_list)),
            consultations_page=consultations_page,
            status_rows=statuses,
            status_chart=charts.bar_chart(
                "chart-status",
                gettext("Consultations by status"),
                gettext("Number of consultations in each status; the figures are in the table below."),
                [{"label": str(row["label"]), "value": row["count"], "display": str(row["count"])} for row in statuses],
            ),
            participation_chart=charts.bar_chart(
                "chart-participation",
                gettext("Participants by year, online and in person"),
                gettext("For each year of launch, participants online then in person; figures in the table below."),
                [
                    {
                        "label": f"{row['label']} – {label}",
                        "value": row["values"][key],
                        "display": display(definitions.INDICATORS_BY_KEY[key], row["values"][key]),
                        "series": key,
                    }
                    for row in by_year
                    for key, label in (
                        ("participants_online", gettext("online")),
                        ("participants_in_person", gettext("in person")),
                    )
                ],
                series=[
                    (key, str(definitions.INDICATORS_BY_KEY[key].label))
                    for key in ("participants_online", "participants_in_person")
                ],
            ),
            share_chart=charts.bar_chart(
                "chart-shares",
                gettext("The shares that show whether promises are kept"),
                gettext("Each share is a percentage from 0 to 100; the figures are in the table below."),
                [
                    {
                        "label": str(indicator.label),
                        "value": summary[indicator.key],
                        "display": display(indicator, summary[indicator.key]),
                    }
                    for indicator in shares
                ],
                maximum=100,
            ),
            share_rows=[
                {"indicator": indicator, "display": display(indicator, summary[indicator.key])} for indicator in shares
            ],
            participation_rows=[
                {
                    "label": row["label"],
                    "online": display(
                        definitions.INDICATORS_BY_KEY["participants_online"], row["values"]["participants_online"]
                    ),
                    "in_person": display(
                        definitions.INDICATORS_BY_KEY["participants_in_person"], row["values"]["participants_in_person"]
                    ),
                }
                for row in by_year
            ],
            commitment_rows=dashboard.commitments_table(),
            csv_query=urlencode(self.csv_filters(request)),
            spreadsheet_csv_query=urlencode(
                [*self.csv_filters(request), (CSV_FORMAT_PARAMETER, CSV_FORMATS["spreadsheet-fr"].key)]
            ),
        )
        return context

    # Data ------------------------------------------------------------------------------------------------------

    @cached_property
    def records(self):
        """Every consultation once, whatever its translations (see loading.load_records), with titles in this
        page's language where translated: computed once per content change and day (a few hundred milliseconds at
        2,000 consultations), and at most every ten minutes, so that "events held" follows the clock."""

        def build():
            records = loading.load_records()
            self._localise([record for record in records if record.page_fields["locale_id"] != self.locale_id])
            self._localise_territories(records)
            return [record.to_plain() for record in records]

        kept = remember(
            f"dashboard-records:v2:{self.pk}",  # v2: records count answered contributions (issue 14)
            build,
            seconds=definitions.CLOCK_SECONDS,
            variant=timezone.localdate().isoformat(),
        )
        return [loading.ConsultationRecord.from_plain(values) for values in kept]

    def _localise(self, records):
        """Titles and links as this page's reader sees them (site_core.translation: their translation, else marked
        with their language): one query."""
        if not records:
            return
        shown = shown_versions(
            [record.page_fields for record in records],
            self.locale_id,
            queryset=ConsultationPage.objects.all(),
            fields=loading.PAGE_FIELDS,
        )
        for record, version in zip(records, shown, strict=True):
            record.show_in(version)

    def _localise_territories(self, records):
        """Each record's territories as ConsultationPage.territory_list gives them (site_core.translation: in this
        page's language where translated, else marked with their own; each once, by name): one query at most."""
        versions = {(tag.translation_key, tag.locale_id): tag for record in records for tag in record.territory_list}
        rows = [dict(zip(TERRITORY_FIELDS, (*key, tag.slug, tag.name), strict=True)) for key, tag in versions.items()]
        found = shown_versions(rows, self.locale_id, queryset=Territory.objects.all(), fields=TERRITORY_FIELDS)
        shown = dict(zip(versions, found, strict=True))
        for record in records:
            chosen = distinct(shown[(tag.translation_key, tag.locale_id)] for tag in record.territory_list)
            record.territory_list = sorted(
                (loading.Tag(version.record["slug"], version.record["name"], version.lang) for version in chosen),
                key=lambda tag: tag.name,
            )

    @cached_property
    def all_themes(self):
        """The themes on offer, each marked with its language when no consultation shown in the dashboard's
        language carries it (aggregation.group_by's rule)."""
        return {
            slug: loading.Tag(slug, label, lang)
            for slug, label, lang, _members in aggregation.group_by(self.records, "theme")
        }

    @cached_property
    def all_territories(self):
        return {tag.slug: tag for record in self.records for tag in record.territory_list}

    @cached_property
    def years(self):
        return sorted({record.year for record in self.records if record.year}, reverse=True)

    @cached_property
    def commitments(self):
        def query(locale_id):
            return list(
                Commitment.objects.filter(locale_id=locale_id, chapter__page__live=True)
                .select_related("chapter__page")
                .order_by("number")
            )

        found = query(self.locale_id)
        if not found and self.locale_id != Locale.get_default().pk:
            found = query(Locale.get_default().pk)
        return found

    def filtered_dashboard(self, request):
        filters = ConsultationFilters(request.GET, self.all_themes, self.all_territories, self.years)
        return filters, aggregation.Dashboard(filters.apply(self.records), self.commitments)

    def tables(self, dashboard, consultation_rows, formatted=True):
        """The tables shown (and exported): all, then by year, by theme, by territory and per consultation (the
        rows given: one page of them on the dashboard, all of them in the CSV)."""
        sections = [
            (
                "all",
                gettext("All the selected consultations"),
                [{"label": gettext("All"), "values": dashboard.summary}],
            ),
            ("year", gettext("By year of launch"), dashboard.breakdown("year")),
            ("theme", gettext("By theme"), dashboard.breakdown("theme")),
            ("territory", gettext("By territory"), dashboard.breakdown("territory")),
            ("consultation", gettext("Per consultation"), consultation_rows),
        ]
        tables = []
        for scope, caption, rows in sections:
            tables.append(
                {
                    "scope": scope,
                    "caption": caption,
                    "rows": [
                        {
                            "label": row["label"],
                            "lang": row["record"].lang if "record" in row else row.get("lang", ""),
                            "url": row["record"].page.url if formatted and "record" in row else "",
                            "cells": [
                                display(indicator, row["values"][indicator.key]) for indicator in definitions.INDICATORS
                            ]
                            if formatted
                            else [],
                            "raw": [raw(row["values"][indicator.key]) for indicator in definitions.INDICATORS],
                        }
                        for row in rows
                    ],
                }
            )
        return tables

    @staticmethod
    def csv_filters(request):
        """The filters the CSV links carry: the page's, without its page number (the CSV holds every row)."""
        return [(key, value) for key, value in request.GET.items() if key not in ("page", CSV_FORMAT_PARAMETER)]

    @re_path(r"^figures\.csv/$", name="csv")
    def csv_view(self, request):
        """The figures shown, every consultation included; `?format=spreadsheet-fr` for French spreadsheets."""
        flavour = CSV_FORMATS.get(request.GET.get(CSV_FORMAT_PARAMETER, ""), CSV_FORMATS[""])
        _filters, dashboard = self.filtered_dashboard(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{flavour.filename}"'
        if flavour.bom:
            response.write("\ufeff")
        writer = csv.writer(response, delimiter=flavour.delimiter, lineterminator="\n")
        writer.writerow(
            [gettext("Scope"), gettext("Group")] + [str(indicator.label) for indicator in definitions.INDICATORS]
        )
        for table in self.tables(dashboard, dashboard.consultation_rows(), formatted=False):
            for row in table["rows"]:
                writer.writerow([table["scope"], row["label"], *(flavour.figure(figure) for figure in row["raw"])])
        return response

"""The query-string filters of the consultation index and the dashboard: read, checked against the options on
offer, then applied in the database (the index) or to indicator records (the dashboard)."""

import re

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from consultations import status as statuses

YEAR_PATTERN = re.compile(r"^\d{4}$")


class ConsultationFilters:
    """`?status=&theme=&territory=&year=`: each valid value narrows the list; invalid ones are ignored, with a
    notice that names them (never an error page)."""

    def __init__(self, params, themes, territories, years):
        self.themes = themes  # slug -> Tag
        self.territories = territories  # slug -> Territory
        self.years = years  # sorted list of ints
        self.notices = []
        self.status = self._read(
            params, "status", set(statuses.FILTER_CHOICES), _("“%(value)s” is not a known status: filter ignored.")
        )
        self.theme = self._read(params, "theme", set(themes), _("“%(value)s” is not a known theme: filter ignored."))
        self.territory = self._read(
            params, "territory", set(territories), _("“%(value)s” is not a known territory: filter ignored.")
        )
        raw_year = params.get("year", "").strip()
        self.year = None
        if raw_year:
            if YEAR_PATTERN.match(raw_year) and int(raw_year) in years:
                self.year = int(raw_year)
            else:
                self.add_notice(_("“%(value)s” is not a year with consultations: filter ignored."), raw_year)

    def _read(self, params, name, allowed, message):
        value = params.get(name, "").strip()
        if not value:
            return ""
        if value in allowed:
            return value
        self.add_notice(message, value)
        return ""

    def add_notice(self, message, value):
        self.notices.append(message % {"value": value[:80]})

    @property
    def is_active(self):
        return bool(self.status or self.theme or self.territory or self.year)

    def filter_queryset(self, pages):
        """Consultation pages annotated by status.annotate_status, narrowed by the valid filters."""
        from consultations.models import ConsultationPage, ConsultationTag

        if self.status:
            pages = pages.filter(statuses.status_filter(self.status))
        if self.theme:
            themed = ConsultationTag.objects.filter(content_object=OuterRef("pk"), tag__slug=self.theme)
            pages = pages.filter(Exists(themed))
        if self.territory:
            # A translated page may still point at the source language's territory: match every translation.
            key = self.territories[self.territory].translation_key
            located = ConsultationPage.territories.through.objects.filter(
                consultationpage=OuterRef("pk"), territory__translation_key=key
            )
            pages = pages.filter(Exists(located))
        if self.year:
            pages = pages.filter(launch_on__year=self.year)
        return pages

    def apply(self, records):
        """The indicator records (consultations.indicators) that the valid filters keep."""
        selected = []
        for page in records:
            if self.status and not page.status.matches(self.status):
                continue
            if self.theme and self.theme not in {tag.slug for tag in page.theme_tags}:
                continue
            if self.territory and self.territory not in {territory.slug for territory in page.territory_list}:
                continue
            if self.year and (page.launch_date is None or page.launch_date.year != self.year):
                continue
            selected.append(page)
        return selected

    def status_options(self):
        return [{"value": code, "label": statuses.LABELS[code]} for code in statuses.FILTER_CHOICES]

"""The query-string filters of the consultation index and the dashboard: read, checked against the options on
offer, then applied to the index's listing entries or the dashboard's indicator records."""

import re

from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import gettext_lazy as _

from consultations import status as statuses

YEAR_PATTERN = re.compile(r"^\d{4}$")


class ConsultationFilters:
    """`?status=&theme=&territory=&year=&page=`: each valid value narrows the list; invalid ones are ignored,
    with a notice that names them (never an error page)."""

    def __init__(self, params, themes, territories, years):
        self.params = params
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

    def apply(self, entries):
        """The entries the valid filters keep, in their order. An entry has `status`, `launch_date`,
        `theme_slugs` and `territory_slugs`: the index's listing entries and the dashboard's indicator records."""
        selected = []
        for entry in entries:
            if self.status and not entry.status.matches(self.status):
                continue
            if self.theme and self.theme not in entry.theme_slugs:
                continue
            if self.territory and self.territory not in entry.territory_slugs:
                continue
            if self.year and (entry.launch_date is None or entry.launch_date.year != self.year):
                continue
            selected.append(entry)
        return selected

    def page_of(self, entries, per_page):
        """The page of `entries` asked for by `?page=`; a value that is not one of its pages shows the nearest page,
        with a notice that names it."""
        paginator = Paginator(entries, per_page)
        raw_page = self.params.get("page", "1")
        try:
            paginator.validate_number(raw_page)
        except InvalidPage:  # "²" or 5,000 digits used to reach int() and fail with a server error
            self.add_notice(_("“%(value)s” is not a page of these results: showing the nearest page."), raw_page)
        return paginator.get_page(raw_page)

    def status_options(self):
        return [{"value": code, "label": statuses.LABELS[code]} for code in statuses.FILTER_CHOICES]

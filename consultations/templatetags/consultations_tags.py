"""Template tags of the consultations app."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def file_route(url):
    """A routable page's file route ("events.ics", "badge.svg", "figures.csv") without the trailing slash that
    routablepageurl adds, as a file's address is written: `{% routablepageurl page "csv" as url %}{{ url|file_route }}`.
    site_core/urls.py serves such addresses (Wagtail's own pattern only serves paths ending with a slash)."""
    return url[:-1] if url.endswith((".ics/", ".svg/", ".png/", ".csv/")) else url


@register.filter
def figure(value):
    """A count as readers write it in the active language ("1 180" in French), or a dash when unknown."""
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)


@register.filter
def percent(value):
    """A percentage as the dashboard writes it ("42,5 %", "100 %"), or a dash when unknown."""
    if value is None or value == "":
        return "–"
    decimals = 0 if value == int(value) else 1
    return f"{number_format(value, decimal_pos=decimals)}\u00a0%"

"""The read-only JSON API: the open-data resources, paged and filtered, described by an OpenAPI document the site
serves (/api/v1/openapi.json). django-ninja builds the description and validates the query from the same type hints,
so the description cannot drift from what the views accept.

Rows come from the open data (package.rows_of: built once per content change and language, the same public records
and rules as the files), so a request costs no query beyond the content generation's, whatever the page asked."""

import datetime
import math
from typing import Literal

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.http import urlencode
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from pydantic import Field, create_model

from consultations.opendata import package
from consultations.opendata.resources import RESOURCES
from site_core.public_address import absolute_url
from site_core.site_data import default_locale, locales

MAX_PAGE_SIZE = 200
TYPES = {"string": str, "integer": int, "number": float, "boolean": bool, "date": datetime.date, "datetime": str}
# Where each resource's year filter looks, and whether its records carry their own theme (contributions do).
YEAR_COLUMNS = {
    "consultations": "launch_date",
    "phases": "start_date",
    "events": "start",
    "contributions": "submitted_on",
    "reports": "published_on",
    "label_awards": "awarded_on",
}
OWN_THEME = {"contributions": "theme"}

api = NinjaAPI(
    title="Pacte open data API",
    version="1",
    description=(
        "Read-only access to the public records of the participation site: charter commitments, consultations, "
        "phases, events, contributions and their answers, reports, citizen-label awards and indicators. The same "
        "records as the open-data files (docs/open-data.md): published content only, never personal data. Paged "
        "(Link headers), filterable, open to every origin."
    ),
    urls_namespace="opendata_api",
    docs_url=None,  # the interactive page would load scripts from elsewhere; the description is what tools read
)


class Listing(Schema):
    count: int = Field(description="Records matching the filters.")
    page: int
    page_size: int
    pages: int


class BaseFilters(Schema):
    lang: Literal["fr", "en", "nl"] = Field("fr", description="The language of the texts.")
    page: int = Field(1, ge=1, description="The page, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Records per page.")


class ConsultationFilters(BaseFilters):
    consultation: str | None = Field(None, max_length=64, description="A consultation's id (consultations.csv).")
    year: int | None = Field(None, ge=1900, le=2200, description="The year of the record's date.")
    theme: str | None = Field(None, max_length=100, description="A theme's slug.")
    territory: str | None = Field(None, max_length=100, description="A territory's slug.")
    status: str | None = Field(None, max_length=30, description="The consultation's status code.")


def row_schema(resource):
    fields = {
        column.name: (TYPES[column.type] | None, Field(None, description=column.description))
        for column in resource.columns
    }
    return create_model(f"{resource.name.title().replace('_', '')}Record", **fields)


def listing_schema(resource):
    return create_model(
        f"{resource.name.title().replace('_', '')}Listing", __base__=Listing, results=(list[row_schema(resource)], ...)
    )


def locale_of(code):
    locale = locales().get(code) or default_locale()
    if locale is None:
        raise Http404
    return locale


def consultation_ids(rows, filters):
    """The consultations the theme, territory and status filters keep (None: no such filter given)."""
    if not (filters.theme or filters.territory or filters.status):
        return None
    kept = set()
    for row in rows["consultations"]:
        if filters.theme and filters.theme not in (row["themes"] or "").split(";"):
            continue
        if filters.territory and filters.territory not in (row["territories"] or "").split(";"):
            continue
        if filters.status and row["status"] != filters.status:
            continue
        kept.add(row["id"])
    return kept


def filtered(name, rows, filters):
    selected = rows[name]
    if not isinstance(filters, ConsultationFilters):
        return selected
    key = "id" if name == "consultations" else "consultation_id"
    if filters.consultation:
        selected = [row for row in selected if row[key] == filters.consultation]
    if filters.year:
        column = YEAR_COLUMNS[name]
        selected = [row for row in selected if row[column] and str(row[column])[:4] == str(filters.year)]
    if name in OWN_THEME and filters.theme:
        selected = [row for row in selected if row[OWN_THEME[name]] == filters.theme]
        filters = filters.model_copy(update={"theme": None})
    kept = consultation_ids(rows, filters)
    if kept is not None:
        selected = [row for row in selected if row[key] in kept]
    return selected


def respond(request, response, name, filters):
    rows = package.rows_of(locale_of(filters.lang))
    selected = filtered(name, rows, filters)
    pages = max(1, math.ceil(len(selected) / filters.page_size))
    if filters.page > pages:
        # 400, not 404: Django's LocaleMiddleware would turn a 404 outside the language prefixes into a redirect.
        raise HttpError(400, f"There are {pages} pages of {name} with these filters: ask for page 1 to {pages}.")
    start = (filters.page - 1) * filters.page_size
    links = []
    query = {key: value for key, value in filters.model_dump().items() if value is not None}
    for relation, number in (("first", 1), ("prev", filters.page - 1), ("next", filters.page + 1), ("last", pages)):
        if 1 <= number <= pages:
            address = absolute_url(request.path) + "?" + urlencode({**query, "page": number})
            links.append(f'<{address}>; rel="{relation}"')
    response["Link"] = ", ".join(links)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Link"
    return {
        "count": len(selected),
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": pages,
        "results": selected[start : start + filters.page_size],
    }


def add_endpoint(resource):
    by_consultation = resource.name in YEAR_COLUMNS
    filters_class = ConsultationFilters if by_consultation else BaseFilters

    def endpoint(request, response: HttpResponse, filters: Query[filters_class]):  # type: ignore[valid-type]
        return respond(request, response, resource.name, filters)

    endpoint.__name__ = f"list_{resource.name}"
    with translation.override("en"):  # the description is written in English, the language of its readers' tools
        summary, description = str(resource.title), str(resource.description)
    api.get(
        f"/{resource.name}/",
        response={200: listing_schema(resource)},
        summary=summary,
        description=description,
        operation_id=f"list_{resource.name}",
    )(endpoint)


for _resource in RESOURCES:
    add_endpoint(_resource)

"""The data package's files, built once per content change and language: for each resource a CSV file (UTF-8 without
BOM, a header row, "," separator, ISO dates), a JSON file (an array of objects) and an XLSX copy for spreadsheets;
then datapackage.json (Frictionless Data Package, a Table Schema for each CSV). Kept by site_data.remember under the
content generation (and the day: statuses and indicators follow the clock), so a request never builds them twice."""

import csv
import datetime
import gzip
import hashlib
import io
import json

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from consultations.indicators.definitions import CLOCK_SECONDS
from consultations.opendata.resources import RESOURCES, ROWS, Records
from site_core.cache import generation_pinned
from site_core.site_data import remember

FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PACKAGE_FILE = "datapackage.json"
PROFILE = "tabular-data-package"


def cell(value):
    """A value as the CSV writes it: ISO dates, lower-case booleans, nothing for a missing value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_bytes(resource, rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    names = [column.name for column in resource.columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


def json_bytes(resource, rows):
    names = [column.name for column in resource.columns]
    data = [{name: json_value(row[name]) for name in names} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def xlsx_bytes(resource, rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(resource.name)
    names = [column.name for column in resource.columns]
    sheet.append(names)
    for row in rows:
        values = []
        for name in names:
            value = row[name]
            if isinstance(value, str):
                # A text that starts like a formula stays text: the spreadsheet never runs what a citizen wrote.
                text = WriteOnlyCell(sheet, value=value)
                text.data_type = "s"
                values.append(text)
            else:
                values.append(value)
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": csv_bytes, "json": json_bytes, "xlsx": xlsx_bytes}


def descriptor(page, language, files, generated_at):
    """datapackage.json: the package's metadata, its licence, and each CSV resource with its Table Schema."""
    return {
        "profile": PROFILE,
        "name": f"pacte-{language}",
        "title": page.title,
        "description": page.introduction,
        "homepage": page.full_url,
        "created": generated_at.isoformat(),
        "licenses": [page.licence_descriptor()],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": resource.name,
                "path": f"{resource.name}.csv",
                "title": str(resource.title),
                "description": str(resource.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(files[f"{resource.name}.csv"]),
                "hash": "sha256:" + hashlib.sha256(files[f"{resource.name}.csv"]).hexdigest(),
                "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
                "schema": resource.schema(),
            }
            for resource in RESOURCES
        ],
    }


def build_rows(locale):
    """{resource name: [rows]} in `locale`'s language: what the files and the API both publish."""
    # One reading of the content generation for the whole build, also outside a request (a task, a test).
    with generation_pinned(), translation.override(locale.language_code):
        records = Records.load(locale)
        return {resource.name: ROWS[resource.name](records) for resource in RESOURCES}


def kept_for_today(name, build):
    """`build()`, kept for this content generation and day: statuses and indicators follow the clock."""
    return remember(name, build, seconds=CLOCK_SECONDS, variant=timezone.localdate().isoformat())


def rows_of(locale):
    """The rows in `locale`'s language (the API reads them from here)."""
    return kept_for_today(f"opendata-rows:{locale.language_code}", lambda: build_rows(locale))


def build(page):
    """{"files": {name: bytes}, "gzipped": {name: bytes}, "counts": {resource: rows}, "generated_at": datetime}."""
    language = page.locale.language_code
    all_rows = rows_of(page.locale)
    with translation.override(language):
        files, counts = {}, {}
        for resource in RESOURCES:
            rows = all_rows[resource.name]
            counts[resource.name] = len(rows)
            for extension in FORMATS:
                files[f"{resource.name}.{extension}"] = WRITERS[extension](resource, rows)
        generated_at = timezone.now().replace(microsecond=0)
        package = descriptor(page, language, files, generated_at)
        files[PACKAGE_FILE] = json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")
    gzipped = {name: gzip.compress(content, mtime=0) for name, content in files.items() if not name.endswith(".xlsx")}
    return {"files": files, "gzipped": gzipped, "counts": counts, "generated_at": generated_at}


def package_of(page):
    """The page's package (built on the first request after a change)."""
    return kept_for_today(f"opendata:{page.pk}:{page.licence}", lambda: build(page))


def etag(content):
    return '"' + hashlib.sha256(content).hexdigest() + '"'

"""Reading a Decidim open-data export (0.27 to 0.30): its CSV files, from a .zip or a folder, parsed into tables whose
columns are matched by name, and the values the importer needs (process, results, figures). Any error names the
file, the line and the column."""

import csv
import datetime
import difflib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.translation import gettext

ENTITIES = ("proposals", "meetings", "results", "participatory_processes")
REQUIRED = {
    "proposals": ["id", "participatory_space/url", "state", "title/*", "supports|votes", "comments"],
    "meetings": ["id", "participatory_space/url", "attendees", "contributions"],
    # Results carry no participatory-space column in any version: their process is read from `url`.
    "results": ["id", "url", "parent/id", "title/*", "progress", "proposal_urls"],
    "participatory_processes": ["id", "slug", "title/*"],
}
RESULT_URL = re.compile(r"/processes/(?P<slug>[^/?#]+)/f/[^/?#]+/results/(?P<id>[^/?#]+)")
PROPOSAL_URL = re.compile(r"/proposals/(?P<id>\d+)(?:[/?#]|$)")
# What a damaged or unsupported archive raises while it is opened or read (RuntimeError: an encrypted entry).
BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError)
ZIP_CHUNK = 1024 * 1024
PERCENTAGE = re.compile(r"\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")  # Rails writes decimals as "42.5"; tolerate "0.425e2"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?")


class ImportError_(Exception):  # noqa: N801 (not the builtin)
    pass


@dataclass
class Table:
    name: str
    header: list
    rows: list = field(default_factory=list)  # (line number, {column: value})

    def has(self, column):
        return column in self.header


def read_sources(source):
    """{entity: (file name, text)} from a .zip export or a folder of CSV files."""
    found = {}
    path = Path(source)
    if path.is_dir():
        items = [(child.name, child.read_bytes) for child in sorted(path.iterdir()) if child.suffix == ".csv"]
    elif zipfile.is_zipfile(path):
        archive = open_archive(path)
        budget = ReadBudget(settings.PACTE_DECIDIM_MAX_TOTAL_BYTES)
        items = [
            (Path(info.filename).name, lambda info=info: read_entry(archive, info, path.name, budget))
            for info in sorted(archive.infolist(), key=lambda info: info.filename)
            if not info.is_dir()
        ]
    else:
        raise ImportError_(
            gettext(
                "%(archive)s is neither a folder nor a .zip open-data export (the file Decidim offers at "
                "/open-data/download)."
            )
            % {"archive": path.name}
        )
    for name, read in items:
        for entity in ENTITIES:
            if name == f"{entity}.csv" or name.endswith(f"-open-data-{entity}.csv"):
                raw = read()
                try:
                    found[entity] = (name, raw.decode("utf-8-sig"))
                except UnicodeDecodeError as error:
                    raise ImportError_(f"{name}: not UTF-8 text ({error.reason} at byte {error.start}).") from error
    if "proposals" not in found and "meetings" not in found:
        raise ImportError_(f"{source}: no proposals or meetings file (…-open-data-proposals.csv) in the export.")
    return found


def open_archive(path):
    """The zip, once its central directory shows it within the limits on entries and uncompressed sizes. Those
    sizes are the archive's own claims: read_entry enforces them again on the bytes actually inflated."""
    try:
        archive = zipfile.ZipFile(path)
        entries = archive.infolist()
    except BROKEN_ZIP as error:
        raise broken_archive(path.name, error) from error
    limit = settings.PACTE_DECIDIM_MAX_ENTRIES
    if len(entries) > limit:
        raise ImportError_(
            gettext(
                "%(archive)s holds %(count)s files, more than the %(limit)s a Decidim export may hold "
                "(PACTE_DECIDIM_MAX_ENTRIES): is it the open-data export?"
            )
            % {"archive": path.name, "count": len(entries), "limit": limit}
        )
    total = 0
    for info in entries:
        if info.file_size > settings.PACTE_DECIDIM_MAX_ENTRY_BYTES:
            raise entry_too_large(path.name, info.filename, filesizeformat(info.file_size))
        total += info.file_size
        if total > settings.PACTE_DECIDIM_MAX_TOTAL_BYTES:
            raise total_too_large(path.name, info.filename)
    return archive


@dataclass
class ReadBudget:
    """What is left of the total uncompressed size for the entries still to read."""

    left: int


def read_entry(archive, info, archive_name, budget):
    """The entry's bytes, inflated a chunk at a time and stopped at the limits, whatever its header claims."""
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(ZIP_CHUNK):
                size += len(chunk)
                if size > settings.PACTE_DECIDIM_MAX_ENTRY_BYTES:
                    raise entry_too_large(
                        archive_name,
                        info.filename,
                        gettext("more than %(size)s")
                        % {"size": filesizeformat(settings.PACTE_DECIDIM_MAX_ENTRY_BYTES)},
                    )
                if size > budget.left:
                    raise total_too_large(archive_name, info.filename)
                chunks.append(chunk)
    except BROKEN_ZIP as error:
        raise broken_archive(archive_name, error) from error
    budget.left -= size
    return b"".join(chunks)


def entry_too_large(archive_name, entry, size):
    return ImportError_(
        gettext(
            "%(archive)s, file %(entry)s: %(size)s once uncompressed, over the limit of %(limit)s per file "
            "(PACTE_DECIDIM_MAX_ENTRY_BYTES)."
        )
        % {
            "archive": archive_name,
            "entry": entry,
            "size": size,
            "limit": filesizeformat(settings.PACTE_DECIDIM_MAX_ENTRY_BYTES),
        }
    )


def total_too_large(archive_name, entry):
    return ImportError_(
        gettext(
            "%(archive)s: at file %(entry)s, the files add up to more than %(limit)s once uncompressed, the limit "
            "for a whole export (PACTE_DECIDIM_MAX_TOTAL_BYTES)."
        )
        % {"archive": archive_name, "entry": entry, "limit": filesizeformat(settings.PACTE_DECIDIM_MAX_TOTAL_BYTES)}
    )


def broken_archive(archive_name, error):
    return ImportError_(
        gettext("%(archive)s is a damaged or unsupported .zip file (%(problem)s): download the export again.")
        % {"archive": archive_name, "problem": error}
    )


def parse(name, text, entity, separator):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportError_(f"{name}, line 1: the file is empty.") from None
    except csv.Error as error:
        raise ImportError_(f"{name}, line 1: {error}") from error
    table = Table(name, [column.strip() for column in header])
    if len(table.header) == 1 and any(other in table.header[0] for other in (",", "\t", "|")):
        raise ImportError_(
            f"{name}, line 1: the columns are not separated by “{separator}” (wrong separator?). "
            "Use --separator if the export uses another one."
        )
    for required in REQUIRED[entity]:
        if required.endswith("/*"):
            ok = any(column.startswith(required[:-1]) for column in table.header)
        else:
            ok = any(option in table.header for option in required.split("|"))
        if not ok:
            raise ImportError_(f"{name}, line 1, column “{required.replace('|', '” or “')}”: required column missing.")
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(table.header):
                raise ImportError_(
                    f"{name}, line {reader.line_num}: {len(values)} fields where the header has {len(table.header)} "
                    f"(column “{table.header[min(len(values), len(table.header)) - 1]}”)."
                )
            table.rows.append((reader.line_num, dict(zip(table.header, (clean(v) for v in values), strict=True))))
    except csv.Error as error:
        raise ImportError_(f"{name}, line {reader.line_num}: malformed CSV ({error}).") from error
    return table


def clean(value):
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def integer(table, line, row, column):
    value = row.get(column, "")
    if value == "":
        return 0
    if not re.fullmatch(r"\d+", value):
        raise ImportError_(f"{table.name}, line {line}, column “{column}”: “{value[:40]}” is not a whole number.")
    return int(value)


def in_process(row, slug):
    return row.get("participatory_space/url", "").rstrip("/").endswith(f"/processes/{slug}")


def localised(row, name, language="fr"):
    return localised_with_language(row, name, language)[0]


def localised_with_language(row, name, language="fr"):
    """(text, its language): the text in `language`, else in the first other locale that has one (human-written
    before machine-translated), so a page can mark a fallback with the right `lang`."""
    if row.get(f"{name}/{language}"):
        return row[f"{name}/{language}"], language
    machine = []
    for column, value in row.items():
        if not (column.startswith(f"{name}/") and value):
            continue
        locale = column[len(name) + 1 :]
        if locale.startswith("machine_translations/"):
            machine.append((value, locale.removeprefix("machine_translations/")))
        elif "/" not in locale:
            return value, locale
    return machine[0] if machine else ("", "")


def plain(text):
    return " ".join(strip_tags(text).split())


def percentage(table, line, row, column):
    value = row.get(column, "")
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", ".")) if PERCENTAGE.fullmatch(value) else None
    except InvalidOperation:
        number = None
    if number is None or not 0 <= number <= 100:
        raise ImportError_(
            f"{table.name}, line {line}, column “{column}”: “{value[:40]}” is not a percentage between 0 and 100."
        )
    return number.quantize(Decimal("0.01"))


def date(table, line, row, column):
    value = row.get(column, "")
    if value == "":
        return None
    try:
        if DATE.fullmatch(value):
            return datetime.date.fromisoformat(value[:10])
    except ValueError:
        pass
    raise ImportError_(f"{table.name}, line {line}, column “{column}”: “{value[:40]}” is not a date (YYYY-MM-DD).")


def is_withdrawn(row):
    return row.get("state") == "withdrawn" or row.get("withdrawn") == "true"


@dataclass
class Process:
    """The process as the 0.30 participatory_processes file describes it."""

    title: str
    language: str
    url: str


def find_process(table, slug, language):
    """The process `slug` in the 0.30 participatory_processes file, whose rows may repeat (a known Decidim bug): the
    first row of each id counts. Returns (Process, number of repeated rows ignored)."""
    by_id, repeated = {}, 0
    for line, row in table.rows:
        if not row.get("id"):
            raise ImportError_(f"{table.name}, line {line}, column “id”: empty.")
        if row["id"] in by_id:
            repeated += 1
        else:
            by_id[row["id"]] = row
    slugs = [row["slug"] for row in by_id.values() if row.get("slug")]
    for row in by_id.values():
        if row.get("slug") == slug:
            title, title_language = localised_with_language(row, "title", language)
            return Process(plain(title), title_language if title else "", row.get("url", "")[:500]), repeated
    # Typos (difflib) and partial slugs ("ecole" for "ecoles-maternelles") both count as close.
    close = difflib.get_close_matches(slug, slugs, n=5, cutoff=0.6)
    close += [other for other in sorted(slugs) if (slug in other or other in slug) and other not in close]
    close = close[:5]
    hint = (
        f"Close slugs: {', '.join(close)}."
        if close
        else f"Slugs in the file: {', '.join(sorted(slugs)[:10])}{'…' if len(slugs) > 10 else ''}."
        if slugs
        else "The file lists no process."
    )
    raise ImportError_(f"{table.name}: no participatory process has the slug “{slug}”. {hint}")


@dataclass
class ResultRow:
    where: str  # "<file>, line <n>", for messages
    decidim_id: str
    parent_id: str
    values: dict
    proposal_ids: list
    outside: int  # linked proposal addresses that are not proposals of a Decidim process


def read_results(table, slug, language):
    """Every result of process `slug`, checked (numbers, dates) before anything is written."""
    rows = []
    for line, row in table.rows:
        url = row.get("url", "")
        if not url:
            raise ImportError_(f"{table.name}, line {line}, column “url”: empty, so the result's process is unknown.")
        match = RESULT_URL.search(url)
        if match is None or match["slug"] != slug:
            continue  # another process, or an assembly's result
        if not row.get("id"):
            raise ImportError_(f"{table.name}, line {line}, column “id”: empty.")
        title, title_language = localised_with_language(row, "title", language)
        status, status_language = localised_with_language(row, "status/name", language)
        addresses = [address.strip() for address in row.get("proposal_urls", "").split(", ") if address.strip()]
        proposal_ids = [found["id"] for found in map(PROPOSAL_URL.search, addresses) if found]
        rows.append(
            ResultRow(
                where=f"{table.name}, line {line}",
                decidim_id=row["id"],
                parent_id=row.get("parent/id", ""),
                values={
                    "title": plain(title) or f"Decidim {row['id']}",
                    "title_language": title_language if title else "",
                    "status": plain(status)[:255],
                    "status_language": status_language if status else "",
                    "progress": percentage(table, line, row, "progress"),
                    "start_date": date(table, line, row, "start_date"),
                    "end_date": date(table, line, row, "end_date"),
                    "url": url[:500],
                },
                proposal_ids=proposal_ids,
                outside=len(addresses) - len(proposal_ids),
            )
        )
    return rows

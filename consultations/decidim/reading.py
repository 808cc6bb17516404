"""Reading a Decidim open-data export (0.27 to 0.32): its CSV files, from a .zip, a folder or a single CSV file (the
one-entity download of 0.30 and later), parsed into tables whose columns are matched by name, with the separator
detected. What the rows say (process, proposals, results) is rows.py's job. Any error names the file, the line and
the column, and never a path on the server: only the name the editor gave the file."""

import csv
import datetime
import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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
# A single CSV file named by its host alone (or renamed) is recognised by columns only its entity has.
SIGNATURES = {
    "proposals": ("participatory_space/url", "state", "answered_at"),
    "meetings": ("participatory_space/url", "attendees", "start_time"),
    "results": ("proposal_urls", "progress", "parent/id"),
    "participatory_processes": ("slug", "title/*"),
}
# The separators a Decidim platform may choose (DECIDIM_DEFAULT_CSV_COL_SEP, 0.30 and later): ";" unless set.
SEPARATORS = ";,\t"
SEPARATOR_NAMES = {";": "“;”", ",": "“,”", "\t": "tab"}
RESULT_PATH = re.compile(r"/f/[^/]+/results/(?P<id>[^/]+)/?$")
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


def read_sources(source, display_name=""):
    """{entity: (file name, text)} from a .zip export, a folder of CSV files or one CSV file. `display_name` is the
    name the editor knows the file by (an upload is stored under another one): messages use it, never the path."""
    found = {}
    path = Path(source)
    shown = display_name or path.name
    if path.is_dir():
        items = [(child.name, child.read_bytes) for child in sorted(path.iterdir()) if child.suffix == ".csv"]
    elif zipfile.is_zipfile(path):
        archive = open_archive(path, shown)
        budget = ReadBudget(settings.PACTE_DECIDIM_MAX_TOTAL_BYTES)
        items = [
            (Path(info.filename).name, lambda info=info: read_entry(archive, info, shown, budget))
            for info in sorted(archive.infolist(), key=lambda info: info.filename)
            if not info.is_dir()
        ]
    else:
        entity, text = single_csv(path, shown)
        return {entity: (shown, text)}
    for name, read in items:
        for entity in ENTITIES:
            if name == f"{entity}.csv" or name.endswith(f"-open-data-{entity}.csv"):
                found[entity] = (name, decode(name, read()))
    if "proposals" not in found and "meetings" not in found:
        raise ImportError_(
            gettext("%(archive)s: no proposals or meetings file (…-open-data-proposals.csv) in the export.")
            % {"archive": shown}
        )
    return found


def decode(name, raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(
            gettext("%(file)s: not UTF-8 text (%(problem)s at byte %(byte)s).")
            % {"file": name, "problem": error.reason, "byte": error.start}
        ) from error


def single_csv(path, shown):
    """(entity, text) of a one-entity download (/open-data/download/<entity>, 0.30 and later): the entity is read
    from the file's name when it gives it, else from the columns only that entity has."""
    if path.stat().st_size > settings.PACTE_DECIDIM_MAX_ENTRY_BYTES:
        raise entry_too_large(shown, shown, filesizeformat(path.stat().st_size))
    raw = path.read_bytes()
    not_export = ImportError_(
        gettext(
            "%(archive)s is neither a folder nor a .zip open-data export (the file Decidim offers at "
            "/open-data/download)."
        )
        % {"archive": shown}
    )
    if b"\x00" in raw[:4096]:
        raise not_export  # a binary file (a PDF, an image…), not a CSV
    text = decode(shown, raw)
    stem = Path(shown).stem
    for entity in ENTITIES:
        if stem == entity or stem.endswith(f"-open-data-{entity}") or stem.endswith(f"-{entity}"):
            return entity, text
    header = set(text.split("\n", 1)[0].replace("\t", ";").replace(",", ";").split(";"))
    for entity, columns in SIGNATURES.items():
        if all(
            any(name.startswith(column[:-1]) for name in header) if column.endswith("/*") else column in header
            for column in columns
        ):
            return entity, text
    raise not_export


def open_archive(path, shown=""):
    """The zip, once its central directory shows it within the limits on entries and uncompressed sizes. Those
    sizes are the archive's own claims: read_entry enforces them again on the bytes actually inflated."""
    shown = shown or path.name
    try:
        archive = zipfile.ZipFile(path)
        entries = archive.infolist()
    except BROKEN_ZIP as error:
        raise broken_archive(shown, error) from error
    limit = settings.PACTE_DECIDIM_MAX_ENTRIES
    if len(entries) > limit:
        raise ImportError_(
            gettext(
                "%(archive)s holds %(count)s files, more than the %(limit)s a Decidim export may hold "
                "(PACTE_DECIDIM_MAX_ENTRIES): is it the open-data export?"
            )
            % {"archive": shown, "count": len(entries), "limit": limit}
        )
    total = 0
    for info in entries:
        if info.file_size > settings.PACTE_DECIDIM_MAX_ENTRY_BYTES:
            raise entry_too_large(shown, info.filename, filesizeformat(info.file_size))
        total += info.file_size
        if total > settings.PACTE_DECIDIM_MAX_TOTAL_BYTES:
            raise total_too_large(shown, info.filename)
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
    # An OSError's text may carry the file's path on the server: only its reason is shown.
    problem = (error.strerror or type(error).__name__) if isinstance(error, OSError) else error
    return ImportError_(
        gettext("%(archive)s is a damaged or unsupported .zip file (%(problem)s): download the export again.")
        % {"archive": archive_name, "problem": problem}
    )


def detect_separator(name, text):
    """The separator of a Decidim CSV file, read from its header line: `;` by default, but a platform may choose
    another (DECIDIM_DEFAULT_CSV_COL_SEP). Decidim's headers are never quoted, so the sniffer sees them plainly."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        # The sniffer wants a character that repeats; a header of two columns may not show one clearly.
        counts = {separator: header.count(separator) for separator in SEPARATORS}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
    raise ImportError_(
        gettext(
            "%(file)s, line 1: the columns are separated by none of “;”, “,” or a tab: is it a Decidim open-data file?"
        )
        % {"file": name}
    )


def parse(name, text, entity, separator=None):
    """The table of one file; `separator` None (or "auto") detects it."""
    if not separator or separator == "auto":
        separator = detect_separator(name, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportError_(gettext("%(file)s, line 1: the file is empty.") % {"file": name}) from None
    except csv.Error as error:
        raise ImportError_(gettext("%(file)s, line 1: %(problem)s") % {"file": name, "problem": error}) from error
    table = Table(name, [column.strip() for column in header])
    if len(table.header) == 1 and any(other in table.header[0] for other in (";", ",", "\t", "|")):
        raise ImportError_(
            gettext(
                "%(file)s, line 1: the columns are not separated by %(separator)s (wrong separator?). Choose "
                "“detect” or the export's separator."
            )
            % {"file": name, "separator": SEPARATOR_NAMES.get(separator, f"“{separator}”")}
        )
    for required in REQUIRED[entity]:
        if required.endswith("/*"):
            ok = any(column.startswith(required[:-1]) for column in table.header)
        else:
            ok = any(option in table.header for option in required.split("|"))
        if not ok:
            raise ImportError_(
                gettext("%(file)s, line 1, column “%(column)s”: required column missing.")
                % {"file": name, "column": required.replace("|", "” / “")}
            )
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(table.header):
                raise ImportError_(
                    gettext(
                        "%(file)s, line %(line)s: %(count)s fields where the header has %(expected)s (column "
                        "“%(column)s”)."
                    )
                    % {
                        "file": name,
                        "line": reader.line_num,
                        "count": len(values),
                        "expected": len(table.header),
                        "column": table.header[min(len(values), len(table.header)) - 1],
                    }
                )
            table.rows.append((reader.line_num, dict(zip(table.header, (clean(v) for v in values), strict=True))))
    except csv.Error as error:
        raise ImportError_(
            gettext("%(file)s, line %(line)s: malformed CSV (%(problem)s).")
            % {"file": name, "line": reader.line_num, "problem": error}
        ) from error
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
        raise ImportError_(
            gettext("%(file)s, line %(line)s, column “%(column)s”: “%(value)s” is not a whole number.")
            % {"file": table.name, "line": line, "column": column, "value": value[:40]}
        )
    return int(value)


def process_slug(url):
    """The slug of the participatory process an address belongs to, or "" (an assembly, another space). Read from
    the address's path, whatever comes before (a locale, `/fr/`, from 0.32) or after it (older versions write
    `…/processes/<slug>?participatory_process_slug=<slug>`): never from its end."""
    parts = urlsplit(url or "")
    segments = [segment for segment in parts.path.split("/") if segment]
    if "processes" in segments[:-1]:
        return segments[segments.index("processes") + 1]
    return parse_qs(parts.query).get("participatory_process_slug", [""])[0]


def in_process(row, slug):
    return process_slug(row.get("participatory_space/url", "")) == slug


def result_id(url):
    """The result's id in its address (`…/f/<component>/results/<id>`), or ""."""
    found = RESULT_PATH.search(urlsplit(url or "").path)
    return found["id"] if found else ""


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
    """One line of text: tags removed, entities read, spaces collapsed (titles, statuses)."""
    return " ".join(html.unescape(strip_tags(text)).split())


BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|ul|ol)>", re.IGNORECASE)


def plain_paragraphs(text):
    """A body as plain text with its paragraphs kept: HTML before 0.31 (the editor's paragraphs and line breaks
    become new lines), plain text from 0.31, where Decidim converts the body itself."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", text or "")))
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


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
            gettext("%(file)s, line %(line)s, column “%(column)s”: “%(value)s” is not a percentage between 0 and 100.")
            % {"file": table.name, "line": line, "column": column, "value": value[:40]}
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
    raise ImportError_(
        gettext("%(file)s, line %(line)s, column “%(column)s”: “%(value)s” is not a date (YYYY-MM-DD).")
        % {"file": table.name, "line": line, "column": column, "value": value[:40]}
    )


def is_withdrawn(row):
    return row.get("state") == "withdrawn" or row.get("withdrawn") == "true"

"""Reading a contributions spreadsheet (.xlsx or .csv) from its bytes: its rows, each cell parsed, and every problem
found, each named by sheet, line and column. Nothing here reads or writes the database (planning.py compares the rows
with the records), so a file is checked alone, in tests as in the admin.

Line numbers are those the spreadsheet shows (the header is line 1), column letters too, also for a CSV file, which
a spreadsheet opens as one sheet named after the file.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from consultations.models import Contribution
from consultations.models.contribution import REFERENCE_PATTERN, is_placeholder, normalise_reference
from consultations.spreadsheet import columns
from consultations.spreadsheet.columns import BY_KEY, fold, quoted

# Beyond this many problems the list says how many more there are: a file with a shifted column has one per row.
LISTED_PROBLEMS = 50
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
# A CSV export escapes a text that starts like a formula with a quote (writing.py): taken off again here.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_LENGTHS = {"title": 200, "theme": 100, "decidim_url": 500, "shared_answer": 160, "event": 255}


@dataclass(frozen=True)
class Problem:
    """Something that stops the import, and where it is."""

    sheet: str
    line: int
    message: str
    column: str = ""  # its letter, "I"
    header: str = ""  # its label, "Décision"

    def __str__(self):
        where = {"sheet": self.sheet, "line": self.line, "column": self.column, "header": self.header}
        if self.column:
            return _("Sheet “{sheet}”, line {line}, column {column} ({header}): {message}").format(
                message=self.message, **where
            )
        if self.line:
            return _("Sheet “{sheet}”, line {line}: {message}").format(message=self.message, **where)
        return _("Sheet “{sheet}”: {message}").format(message=self.message, **where)


@dataclass
class Row:
    """One contribution's line: `values` by column key, parsed (codes for the channel and the decision, a date)."""

    sheet: str
    line: int
    values: dict
    letters: dict

    def problem(self, key, message):
        return Problem(self.sheet, self.line, message, self.letters.get(key, ""), str(BY_KEY[key].label))


@dataclass
class Reading:
    rows: list = field(default_factory=list)
    # {folded title: (title, text, where)}: the shared answers the file writes out (sheet or CSV column).
    shared: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    sheet: str = ""

    @property
    def ok(self):
        return not self.problems


class Malformed(Exception):
    """The file cannot be read as a contributions spreadsheet at all."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def read(content, file_name):
    """The rows and problems of the spreadsheet `content` (bytes) uploaded as `file_name`."""
    reading = Reading()
    try:
        tables = read_tables(content, file_name)
        _read_tables(tables, reading)
    except Malformed as malformed:
        reading.problems.append(malformed.problem)
    return reading


def read_tables(content, file_name):
    """[(sheet name, [rows of raw values])] of an .xlsx or .csv file, within the size bounds."""
    name = PurePath(file_name or "").name or "?"
    limit = settings.PACTE_SPREADSHEET_MAX_BYTES
    if len(content) > limit:
        raise Malformed(Problem(name, 0, _("The file is larger than {size} MB.").format(size=limit // 2**20)))
    if content.startswith(b"PK\x03\x04"):
        return _xlsx_tables(content, name)
    if content.startswith(b"\xd0\xcf\x11\xe0") or b"\x00" in content[:4096]:
        raise Malformed(Problem(name, 0, _not_a_spreadsheet()))
    return [(PurePath(name).stem, _csv_rows(content, PurePath(name).stem))]


def _not_a_spreadsheet():
    return _(
        "This is neither an .xlsx nor a .csv file. In the spreadsheet, save it as “Excel workbook (.xlsx)” or as "
        "“CSV” and upload it again."
    )


def _xlsx_tables(content, name):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        expanded = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Malformed(Problem(name, 0, _not_a_spreadsheet())) from error
    if expanded > settings.PACTE_SPREADSHEET_MAX_EXPANDED_BYTES:
        raise Malformed(Problem(name, 0, _("The workbook expands to more than the import reads; split it.")))
    tables = []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            tables.append((sheet.title, _bounded(sheet.iter_rows(values_only=True), sheet.title)))
        workbook.close()
    except Malformed:
        raise
    # openpyxl raises whatever its XML and zip readers raise on a damaged workbook; an upload never gives a 500.
    except Exception as error:  # noqa: BLE001
        raise Malformed(Problem(name, 0, _not_a_spreadsheet())) from error
    return tables


def _bounded(rows, sheet):
    """The rows as a list, refusing a sheet longer than the import takes (the header and empty rows included)."""
    kept = []
    limit = settings.PACTE_SPREADSHEET_MAX_ROWS + 1
    for row in rows:
        kept.append(list(row))
        if len(kept) > limit:
            message = _("The sheet has more than {count} rows: split it into several files.").format(count=limit - 1)
            raise Malformed(Problem(sheet, 0, message))
    return kept


def _csv_rows(content, sheet):
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            # French Excel's "CSV (séparateur : point-virgule)" writes Windows-1252, not UTF-8.
            text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _bounded(reader, sheet)
    except csv.Error as error:
        message = _("The line cannot be read as CSV ({error}).").format(error=error)
        raise Malformed(Problem(sheet, reader.line_num, message)) from error


def _read_tables(tables, reading):
    found = [(name, rows) for name, rows in tables if "reference" in _header_keys(rows)]
    if not found:
        name = tables[0][0] if tables else "?"
        header = quoted(BY_KEY["reference"].header())
        message = _("No sheet has the column {header}: upload the file the export gave, filled in.").format(
            header=header
        )
        raise Malformed(Problem(name, 1, message))
    name, rows = found[0]
    reading.sheet = name
    positions = _positions(name, rows[0], columns.REQUIRED_KEYS, reading)
    if reading.problems:
        return
    for other, other_rows in tables:
        keys = _header_keys(other_rows)
        if other != name and "reference" not in keys and {"shared_answer", "shared_answer_text"} <= keys:
            _read_shared_sheet(other, other_rows, reading)
    seen = {}
    # Built once per file: each word list looks up the labels in every site language.
    words = {"channel": columns.channel_words(), "decision": columns.decision_words()}
    for line, raw in enumerate(rows[1:], start=2):
        if all(_text(value) == "" for value in raw):
            continue
        cells = {key: raw[index] if index < len(raw) else None for key, index in positions.items()}
        letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
        row = Row(name, line, {}, letters)
        _parse(row, cells, reading, words)
        reference = row.values["reference"]
        if reference and reference in seen:
            message = _("The reference {reference} is already on line {line}: one row per contribution.").format(
                reference=quoted(reference), line=seen[reference]
            )
            reading.problems.append(row.problem("reference", message))
        seen.setdefault(reference, line)
        text = row.values.get("shared_answer_text", "")
        if row.values["shared_answer"] and text:
            _add_shared(reading, row.values["shared_answer"], text, row, "shared_answer_text")
        reading.rows.append(row)


def _header_keys(rows):
    return {columns.key_of(value) for value in (rows[0] if rows else [])} - {None}


def _positions(sheet, header, required, reading):
    """{key: column index} of a header row; problems for a missing or repeated column, notices for others."""
    positions = {}
    for index, value in enumerate(header):
        if _text(value) == "":
            continue
        key = columns.key_of(value)
        letter = get_column_letter(index + 1)
        if key is None:
            reading.notices.append(
                _("Sheet “{sheet}”, column {column}: {header} is not a column of the import, it is left out.").format(
                    sheet=sheet, column=letter, header=quoted(_text(value))
                )
            )
        elif key in positions:
            message = _("The column {header} is there twice (also column {other}).").format(
                header=quoted(BY_KEY[key].header()), other=get_column_letter(positions[key] + 1)
            )
            reading.problems.append(Problem(sheet, 1, message, letter, str(BY_KEY[key].label)))
        else:
            positions[key] = index
    for key in required:
        if key not in positions:
            message = _("The column {header} is missing: keep the header row of the exported file.").format(
                header=quoted(BY_KEY[key].header())
            )
            reading.problems.append(Problem(sheet, 1, message))
    return positions


def _read_shared_sheet(sheet, rows, reading):
    positions = _positions(sheet, rows[0], ["shared_answer", "shared_answer_text"], reading)
    if reading.problems:
        return
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    for line, raw in enumerate(rows[1:], start=2):
        title, text = (
            _text(raw[positions[key]]) if key in positions and positions[key] < len(raw) else ""
            for key in ("shared_answer", "shared_answer_text")
        )
        if not title and not text:
            continue
        row = Row(sheet, line, {"shared_answer": title, "shared_answer_text": text}, letters)
        if not title:
            reading.problems.append(row.problem("shared_answer", _("Give the shared answer a title.")))
        elif len(title) > MAX_LENGTHS["shared_answer"]:
            reading.problems.append(row.problem("shared_answer", _too_long(MAX_LENGTHS["shared_answer"])))
        elif is_placeholder(text):
            message = _("Write the answer in a full sentence: a dash or “n/a” answers nobody.")
            reading.problems.append(row.problem("shared_answer_text", message))
        else:
            _add_shared(reading, title, text, row, "shared_answer_text")


def _add_shared(reading, title, text, row, key):
    known = reading.shared.get(fold(title))
    if known is None:
        reading.shared[fold(title)] = (title, text, row)
    elif known[1] != text:
        message = _("The shared answer {title} has another text on line {line} of sheet “{sheet}”.").format(
            title=quoted(title), line=known[2].line, sheet=known[2].sheet
        )
        reading.problems.append(row.problem(key, message))


def _too_long(size):
    return _("Shorten it to {size} characters at most.").format(size=size)


def _text(value):
    """A cell as text: spaces trimmed, line breaks as "\\n", a whole number without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"\r\n?", "\n", str(value)).strip()


def _parse(row, cells, reading, words):
    """Fill `row.values` from its raw `cells`, adding a problem for each cell that cannot be taken."""
    problems = reading.problems
    texts = {key: _text(value) for key, value in cells.items()}
    for key, text in texts.items():
        if text[:1] == "'" and text[1:2] in FORMULA_START:
            texts[key] = text[1:]
    values = row.values
    values.update(texts)
    values["reference"] = normalise_reference(texts["reference"])
    if not values["reference"]:
        message = _("Every row needs its reference (for a new contribution, the number given to its author).")
        problems.append(row.problem("reference", message))
    elif not re.fullmatch(REFERENCE_PATTERN, values["reference"]):
        message = _("{value} is not a reference: use letters, digits, dots, dashes or underscores only.")
        problems.append(row.problem("reference", message.format(value=quoted(texts["reference"]))))
    for key, accepted, choices in (
        ("channel", words["channel"], Contribution.CHANNELS),
        ("decision", words["decision"], Contribution.DECISIONS),
    ):
        values[key] = accepted.get(fold(texts[key]), "") if texts[key] else ""
        if texts[key] and not values[key]:
            message = (
                _("{value} is not a known decision. Use: {words}.")
                if key == "decision"
                else _("{value} is not a known channel. Use: {words}.")
            )
            problems.append(
                row.problem(key, message.format(value=quoted(texts[key]), words=columns.shown_words(choices)))
            )
    values["date"] = None
    if texts["date"]:
        try:
            values["date"] = _date(cells["date"])
        except ValueError:
            message = _("{value} is not a date: write it DD/MM/YYYY, for example 15/03/2025.")
            problems.append(row.problem("date", message.format(value=quoted(texts["date"]))))
        else:
            if values["date"] > timezone.localdate():
                problems.append(row.problem("date", _("The date is in the future: give the day it was made.")))
    for key, size in MAX_LENGTHS.items():
        if len(values.get(key, "")) > size:
            problems.append(row.problem(key, _too_long(size)))
    if values["decidim_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["decidim_url"])
        except ValidationError:
            message = _("{value} is not a web address: copy the proposal's address from Decidim, or leave it empty.")
            problems.append(row.problem("decidim_url", message.format(value=quoted(values["decidim_url"]))))
    owed = values["decision"] not in ("", Contribution.KEPT) and not values["shared_answer"]
    if owed and is_placeholder(values["reason"]):
        message = _(
            "Give the reason in a full sentence, or a shared answer: a contribution that is adapted, not kept, out of "
            "scope or still under study must be explained to the person who made it."
        )
        problems.append(row.problem("reason", message))


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    raise ValueError(text)


def listed(problems):
    """The problems to show, at most LISTED_PROBLEMS, and how many are left out."""
    return problems[:LISTED_PROBLEMS], max(0, len(problems) - LISTED_PROBLEMS)

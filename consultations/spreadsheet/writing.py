"""Writing a consultation's contributions as a spreadsheet (.xlsx with its shared answers and a how-to sheet, or
.csv), one row per contribution, in the columns the import reads back (columns.py): what comes out goes back in
unchanged."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from consultations.models import ConsultationEvent, Contribution, SharedAnswer
from consultations.models.contribution import contributions_of
from consultations.spreadsheet import columns
from consultations.spreadsheet.columns import COLUMNS, SHARED_SHEET_COLUMNS, SHARED_TEXT, column_help
from consultations.spreadsheet.planning import ATTRIBUTES, event_names, records_page, shown
from consultations.spreadsheet.reading import FORMULA_START

# Rows below the last contribution that still offer the decision list, for the contributions an agent adds.
ROOM_FOR_NEW_ROWS = 500


def _records(page):
    page = records_page(page)
    contributions = list(contributions_of(page).select_related("event", "theme", "shared_answer").order_by("reference"))
    names = event_names(list(ConsultationEvent.objects.filter(page=page).order_by("start")))
    return page, contributions, names, list(SharedAnswer.objects.filter(consultation=page))


def _values(contribution, names):
    """The cells of one contribution, in COLUMNS order (the date as a date, for the spreadsheet to show as one)."""
    cells = []
    for column in COLUMNS:
        if column.key == "reference":
            cells.append(contribution.reference)
        elif column.key == "date":
            cells.append(contribution.submitted_on)
        elif column.key == "event":
            cells.append(names.get(contribution.event_id, "") if contribution.event_id else "")
        else:
            cells.append(shown(column.key, getattr(contribution, ATTRIBUTES[column.key])))
    return cells


def file_name(page, extension):
    return f"contributions-{records_page(page).slug}.{extension}"


def xlsx_bytes(page):
    page, contributions, names, shared = _records(page)
    sheets = columns.sheet_names()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheets["contributions"]
    _table(sheet, COLUMNS, [_values(contribution, names) for contribution in contributions])
    last = len(contributions) + 1 + ROOM_FOR_NEW_ROWS
    for key, choices in (("decision", Contribution.DECISIONS), ("channel", Contribution.CHANNELS)):
        letter = get_column_letter([column.key for column in COLUMNS].index(key) + 1)
        # A list validation: the spreadsheet offers the words in a drop-down and refuses others when typed.
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(str(label) for __, label in choices)),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=str(columns.BY_KEY[key].label),
            error=column_help(columns.BY_KEY[key]),
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    # The how-to comes second, where an agent opening the file looks first after the contributions.
    _how_to(workbook.create_sheet(sheets["help"]), page)
    _table(workbook.create_sheet(sheets["shared"]), SHARED_SHEET_COLUMNS, [[a.title, a.text] for a in shared])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table(sheet, table_columns, rows):
    sheet.append([column.header() for column in table_columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(table_columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # A citizen's text starting with "=" is text, never a formula the spreadsheet would run.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.value is not None:
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "B2"


def _how_to(sheet, page):
    """The sheet "How to use": what each column holds and which words it takes, in the editor's language."""
    sheets = columns.sheet_names()
    lines = [
        [_("How to use this file")],
        [_("Contributions of the consultation “{title}”.").format(title=page.title)],
        [],
        [
            _(
                "One row per contribution, in the sheet “{sheet}”. Fill in the last three columns (decision, reason, "
                "shared answer) and import the file back from the same admin page: a check first shows, row by row, "
                "what would change, and nothing is written until you confirm."
            ).format(sheet=sheets["contributions"])
        ],
        [
            _(
                "Each header ends with a key in parentheses, for example “(reference)”: keep it, it is how the import "
                "recognises the column. Columns you add are left out."
            )
        ],
        [
            _(
                "To add a contribution received on paper, by letter or at a workshop, add a row with a new reference "
                "(the number given to its author) and fill in at least the channel, the date, the title and the text."
            )
        ],
        [
            _(
                "A shared answer is written once, in the sheet “{sheet}” (a title and its text), and named by its "
                "title on each row it answers. A new title there adds a shared answer."
            ).format(sheet=sheets["shared"])
        ],
        [],
        [_("Column"), _("Header"), _("What to write")],
    ]
    for index, column in enumerate([*COLUMNS, SHARED_TEXT], start=1):
        lines.append(
            [get_column_letter(index) if column is not SHARED_TEXT else "", column.header(), column_help(column)]
        )
    lines += [[], [_("Decision words")]]
    lines += [[str(label), code] for code, label in Contribution.DECISIONS]
    for line in lines:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 42
    sheet.column_dimensions["C"].width = 100
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def csv_bytes(page):
    """The contributions as CSV for a French spreadsheet: UTF-8 with a byte-order mark, without which Excel reads the
    accents as Windows-1252, and ";" between columns, the separator French Excel expects (its decimal separator is
    the comma, so it splits a "," file into nothing). The shared answer's text rides in a column of its own."""
    page, contributions, names, shared = _records(page)
    texts = {answer.pk: answer.text for answer in shared}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header() for column in [*COLUMNS, SHARED_TEXT]])
    for contribution in contributions:
        cells = _values(contribution, names)
        cells[COLUMNS.index(columns.BY_KEY["date"])] = contribution.submitted_on.strftime("%d/%m/%Y")
        cells.append(texts.get(contribution.shared_answer_id, ""))
        writer.writerow([_guarded(cell) for cell in cells])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _guarded(text):
    """A text a spreadsheet would take for a formula ("=…", "+…", "-…", "@…"), quoted so that it stays text (the
    import takes the quote off again)."""
    return f"'{text}" if text[:1] in FORMULA_START and text else text

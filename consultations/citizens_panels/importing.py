"""Volunteers imported from a spreadsheet (.xlsx or .csv, read by the core's spreadsheet reader): a name column, an
optional contact column and one column per criterion, whose values must be the panel's own. The whole file is
checked first; one problem, named by sheet, line and column, and nothing is written."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from consultations.citizens_panels.models import PanelVolunteer, number_of
from consultations.spreadsheet.columns import fold
from consultations.spreadsheet.reading import Malformed, Problem, read_tables

# The headers a name or contact column may carry, in the three languages, compared once folded.
NAME_HEADERS = {fold(header) for header in ("Nom", "Name", "Naam", "Nom et prénom", "Full name", "Volledige naam")}
CONTACT_HEADERS = {
    fold(header) for header in ("Contact", "E-mail", "Email", "Courriel", "Téléphone", "Telephone", "Phone", "Telefoon")
}


@dataclass
class VolunteersReading:
    rows: list = field(default_factory=list)  # (full name, contact, [values in criteria order])
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def read_volunteers(panel, content, file_name):
    """The volunteers of the file's first sheet, checked against the panel's criteria."""
    reading = VolunteersReading()
    try:
        tables = read_tables(content, file_name)
    except Malformed as malformed:
        reading.problems.append(malformed.problem)
        return reading
    sheet, rows = tables[0] if tables else (file_name, [])
    rows = [["" if cell is None else str(cell).strip() for cell in row] for row in rows]
    if not rows or not any(rows[0]):
        reading.problems.append(Problem(sheet, 1, _("The first line must name the columns: the sheet is empty.")))
        return reading
    header = [fold(cell) for cell in rows[0]]
    criteria = panel.parsed_criteria
    wanted = {"name": NAME_HEADERS, "contact": CONTACT_HEADERS}
    positions = {key: _position(header, names) for key, names in wanted.items()}
    if positions["name"] is None:
        reading.problems.append(Problem(sheet, 1, _("No column “Name” (or “Nom”): add it, one volunteer a line.")))
    for criterion in criteria:
        position = next((i for i, cell in enumerate(header) if cell == fold(criterion.name)), None)
        if position is None:
            message = _("No column “{criterion}”: add it, with one of its values on each line ({values}).")
            reading.problems.append(
                Problem(sheet, 1, message.format(criterion=criterion.name, values=", ".join(criterion.value_names)))
            )
        positions[criterion.name] = position
    if reading.problems:
        return reading
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue

        def cell(key, row=row):
            position = positions[key]
            return row[position] if position is not None and position < len(row) else ""

        name = cell("name")
        if not name:
            reading.problems.append(_problem(sheet, line, positions["name"], rows[0], _("The name is empty.")))
        values = []
        for criterion in criteria:
            typed = cell(criterion.name)
            value = next((known for known in criterion.value_names if fold(known) == fold(typed)), None)
            if value is None:
                message = _("“{typed}” is not a value of “{criterion}”: write one of {values}.").format(
                    typed=typed, criterion=criterion.name, values=", ".join(criterion.value_names)
                )
                reading.problems.append(_problem(sheet, line, positions[criterion.name], rows[0], message))
            values.append(value)
        reading.rows.append((name, cell("contact"), values))
    if not reading.rows and not reading.problems:
        reading.problems.append(Problem(sheet, 2, _("The sheet names its columns but lists no volunteer.")))
    return reading


def _position(header, names):
    return next((index for index, cell in enumerate(header) if cell in names), None)


def _problem(sheet, line, position, header_row, message):
    return Problem(sheet, line, message, get_column_letter(position + 1), header_row[position])


@transaction.atomic
def import_volunteers(panel, reading):
    """Register every volunteer of a reading without problems, numbered in the file's order."""
    if panel.is_published:
        raise ValidationError(_("The list of this panel is published: no volunteer can be added any more."))
    first = panel.next_number_value()
    return PanelVolunteer.objects.bulk_create(
        PanelVolunteer(
            panel=panel,
            number=number_of(first + offset),
            full_name=" ".join(name.split()),
            contact=" ".join(contact.split()),
            values=values,
            source=PanelVolunteer.IMPORTED,
        )
        for offset, (name, contact, values) in enumerate(reading.rows)
    )

"""What a read spreadsheet changes in a consultation's records (the dry run), and applying it in one transaction.

Every column is applied as read, so the sheet is the record: a cell left as exported changes nothing, a corrected
title corrects the record, and the dry run lists each change, field by field, before anything is written. A
reference the consultation does not know adds a contribution (typed from paper or workshop notes): it must then
carry its channel, date, title and text. The records are read in a handful of queries and written in bulk, whatever
the number of rows.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from consultations.models import ConsultationEvent, Contribution, SharedAnswer
from consultations.models.contribution import contributions_of
from consultations.spreadsheet import columns
from consultations.spreadsheet.columns import BY_KEY, fold, label_of, quoted
from consultations.spreadsheet.reading import Problem
from site_core.site_data import default_locale

# Column key -> the contribution's attribute it fills.
ATTRIBUTES = {
    "channel": "channel",
    "event": "event",
    "date": "submitted_on",
    "title": "title",
    "text": "body",
    "theme": "theme",
    "decidim_url": "decidim_url",
    "decision": "decision",
    "reason": "reason",
    "shared_answer": "shared_answer",
}
BATCH = 1000


@dataclass(frozen=True)
class Change:
    reference: str
    line: int
    field: str
    before: str
    after: str


@dataclass
class Plan:
    consultation: Page
    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    new_contributions: list = field(default_factory=list)
    updated_contributions: list = field(default_factory=list)
    new_shared: list = field(default_factory=list)
    updated_shared: list = field(default_factory=list)
    updated_fields: set = field(default_factory=set)  # the contributions' fields some row changes

    @property
    def ok(self):
        return not self.problems

    @property
    def has_changes(self):
        return bool(self.new_contributions or self.updated_contributions or self.new_shared or self.updated_shared)


def records_page(page):
    """The language version of a consultation its records belong to: the one in the source language (where editors
    write first, and where the contributions are attached), else the page given."""
    source = default_locale()
    if source is None or page.locale_id == source.pk:
        return page
    return type(page).objects.filter(translation_key=page.translation_key, locale=source).first() or page


def event_names(events):
    """{event pk: the name the sheet gives it}: its title, with its date when two events share a title."""
    titles = [fold(event.title) for event in events]
    return {
        event.pk: event.title
        if titles.count(fold(event.title)) == 1
        else f"{event.title} ({timezone.localtime(event.start):%d/%m/%Y})"
        for event in events
    }


def shown(key, value):
    """A field's value as the sheet writes it, to compare and to show in the dry run."""
    if value is None or value == "":
        return ""
    if key == "channel":
        return label_of(Contribution.CHANNELS, value)
    if key == "decision":
        return label_of(Contribution.DECISIONS, value)
    if key == "date":
        return value.strftime("%d/%m/%Y")
    if key in ("theme", "event", "shared_answer"):
        return value.name if key == "theme" else value.title
    return str(value).replace("\r\n", "\n").strip()


class _Context:
    """The consultation's records the rows are compared with, each read once."""

    def __init__(self, page):
        self.page = page
        self.existing = {
            contribution.reference: contribution
            for contribution in contributions_of(page).select_related("event", "theme", "shared_answer")
        }
        self.shared = {fold(answer.title): answer for answer in SharedAnswer.objects.filter(consultation=page)}
        events = list(ConsultationEvent.objects.filter(page=page).order_by("start"))
        names = event_names(events)
        self.events = {fold(names[event.pk]): event for event in events}
        for event in events:  # a shared title alone names no event: "Atelier (12/03/2025)" is needed then
            self.events.setdefault(fold(event.title), event)
        themes = {fold(tag.name): tag for tag in page.themes.all()}
        for contribution in self.existing.values():
            if contribution.theme_id:
                themes.setdefault(fold(contribution.theme.name), contribution.theme)
        self.themes = themes


def plan(consultation, reading):
    """The changes `reading` (reading.Reading) makes to the records of `consultation`, and the problems it has."""
    page = records_page(consultation)
    result = Plan(page, problems=list(reading.problems), notices=list(reading.notices))
    context = _Context(page)
    taken = {(problem.sheet, problem.line, problem.column) for problem in reading.problems}
    answers = _shared_answers(context, reading, result)
    now = timezone.now()
    for row in reading.rows:
        _plan_row(context, row, answers, taken, result, now)
    return result


def _shared_answers(context, reading, result):
    """{folded title: SharedAnswer} the rows may name: the consultation's, updated or added by the file."""
    answers = dict(context.shared)
    for folded, (title, text, row) in reading.shared.items():
        answer = answers.get(folded)
        if answer is None:
            answer = SharedAnswer(consultation=context.page, title=title, text=text)
            answers[folded] = answer
            result.new_shared.append(answer)
            result.changes.append(Change("", row.line, _("New shared answer"), "", title))
        elif shown("text", answer.text) != text:
            result.changes.append(
                Change("", row.line, _("Shared answer {title}: text").format(title=quoted(title)), answer.text, text)
            )
            answer.text = text
            result.updated_shared.append(answer)
    return answers


def _plan_row(context, row, answers, taken, result, now):
    values = row.values
    record = context.existing.get(values["reference"])
    is_new = record is None

    def problem(key, message):
        if (row.sheet, row.line, row.letters.get(key, "")) not in taken:
            result.problems.append(row.problem(key, message))

    for key in columns.NEW_ROW_KEYS:
        if values[key] in ("", None):
            header = quoted(BY_KEY[key].label)
            if is_new:
                message = _(
                    "The reference {reference} is not one of this consultation's, so the row adds a new contribution, "
                    "which needs its {column}. Check the reference, or fill in the column."
                ).format(reference=quoted(values["reference"]), column=header)
            else:
                message = _("Fill in the {column}: a contribution keeps it.").format(column=header)
            problem(key, message)
    wanted = {key: values[key] for key in ATTRIBUTES}
    for key, choices, kind in (
        ("event", context.events, _("an event of this consultation")),
        ("theme", context.themes, _("a theme of this consultation")),
        ("shared_answer", answers, _("a shared answer of this consultation")),
    ):
        if not values[key]:
            wanted[key] = None
            continue
        wanted[key] = choices.get(fold(values[key]))
        if wanted[key] is None:
            known = ", ".join(quoted(name) for name in _names(key, choices)) or "–"
            message = _("{value} is not {kind}. Known: {known}.").format(
                value=quoted(values[key]), kind=kind, known=known
            )
            if key == "shared_answer":
                message += " " + _("To add one, write its title and text in the sheet “{sheet}”.").format(
                    sheet=columns.sheet_names()["shared"]
                )
            problem(key, message)
    if not result.ok:
        return
    if is_new:
        record = Contribution(
            consultation=context.page, reference=values["reference"], language=context.page.locale.language_code
        )
    changed = []
    for key, attribute in ATTRIBUTES.items():
        before, after = getattr(record, attribute) if not is_new else None, wanted[key]
        if is_new or _compared(key, before) != _compared(key, after):
            changed.append(attribute)
            if not is_new:
                result.changes.append(
                    Change(record.reference, row.line, str(BY_KEY[key].label), shown(key, before), shown(key, after))
                )
            setattr(record, attribute, after)
    if "decision" in changed:
        record.answered_on = timezone.localdate(now) if record.decision else None  # the day where the editor is
    if is_new:
        result.changes.append(Change(record.reference, row.line, _("New contribution"), "", record.title))
        result.new_contributions.append(record)
    elif changed:
        record.updated_at = now
        result.updated_fields.update([*changed, "answered_on"] if "decision" in changed else changed)
        result.updated_contributions.append(record)


def _compared(key, value):
    """What tells two values of a field apart: the text the sheet shows, and for a linked record which one it is
    (two events may share a title)."""
    return shown(key, value), getattr(value, "pk", None) if key in ("event", "theme", "shared_answer") else None


def _names(key, choices):
    if key == "event":
        return sorted({event_names([event])[event.pk] for event in choices.values()})
    if key == "theme":
        return sorted({tag.name for tag in choices.values()})
    return sorted({answer.title for answer in choices.values()})


def apply(result):
    """Write `result` (an ok Plan) in one transaction; a problem instead if the records changed under it."""
    # Only the fields some row changes: each one is a CASE over the whole batch in the UPDATE.
    updated_fields = [name for name in [*ATTRIBUTES.values(), "answered_on"] if name in result.updated_fields]
    updated_fields.append("updated_at")
    try:
        with transaction.atomic():
            SharedAnswer.objects.bulk_create(result.new_shared, batch_size=BATCH)
            SharedAnswer.objects.bulk_update(result.updated_shared, ["text"], batch_size=BATCH)
            Contribution.objects.bulk_create(result.new_contributions, batch_size=BATCH)
            Contribution.objects.bulk_update(result.updated_contributions, updated_fields, batch_size=BATCH)
    except IntegrityError:
        message = _("The contributions changed while the file was checked: nothing was written; check the file again.")
        return Problem(str(result.consultation.title), 0, message)
    return None

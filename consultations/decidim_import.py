"""Read a Decidim open-data export (0.27 to 0.30) for one participatory process: the consultation's online figures
and draft report rows from the proposals. Columns are matched by name; any error names the file, the line and the
column, and nothing is written (the caller wraps everything in one transaction)."""

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import strip_tags

from consultations.models import ConsultationReportPage, ImportedProposal, OnlineParticipation, ReportResponse

ENTITIES = ("proposals", "meetings")
DECISIONS = {"accepted": ReportResponse.KEPT, "rejected": ReportResponse.NOT_KEPT}
NO_ANSWER_REASON = "Réponse détaillée à rédiger : voir la réponse publiée sur la plateforme participative."
REQUIRED = {
    "proposals": ["id", "participatory_space/url", "state", "title/*", "supports|votes", "comments"],
    "meetings": ["id", "participatory_space/url", "attendees", "contributions"],
}


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
        archive = zipfile.ZipFile(path)
        items = [(Path(name).name, lambda name=name: archive.read(name)) for name in sorted(archive.namelist())]
    else:
        raise ImportError_(f"{source}: neither a folder nor a .zip open-data export.")
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
    if row.get(f"{name}/{language}"):
        return row[f"{name}/{language}"]
    for column, value in row.items():
        if column.startswith(f"{name}/") and "machine_translations" not in column and value:
            return value
    return ""


def is_withdrawn(row):
    return row.get("state") == "withdrawn" or row.get("withdrawn") == "true"


@dataclass
class Result:
    figures: dict
    previous: dict
    created_rows: list
    updated_rows: list
    kept_rows: list
    report: object = None

    def lines(self):
        out = []
        for key, value in self.figures.items():
            before = self.previous.get(key)
            change = "" if before == value else f" (was {before})" if before is not None else " (new)"
            out.append(f"{key}: {value}{change}")
        if self.report is None:
            out.append("No report page under this consultation: no response row drafted.")
        out += [f"draft row added: {subject}" for subject in self.created_rows]
        out += [f"draft row updated: {subject}" for subject in self.updated_rows]
        out += [f"row left alone (edited by an editor): {subject}" for subject in self.kept_rows]
        return out


def fingerprint(row):
    text = "\x1f".join([row.subject, row.proposal, row.decision, row.reason])
    return hashlib.sha256(text.encode()).hexdigest()


def run_import(source, slug, consultation, separator=";", dry_run=False, source_name=""):
    """Import, in one transaction (rolled back on error or when `dry_run`). Returns a Result."""
    files = read_sources(source)
    tables = {entity: parse(name, text, entity, separator) for entity, (name, text) in files.items()}
    proposals = (
        [(line, row) for line, row in tables["proposals"].rows if in_process(row, slug)]
        if "proposals" in tables
        else []
    )
    meetings = (
        [(line, row) for line, row in tables["meetings"].rows if in_process(row, slug)] if "meetings" in tables else []
    )
    figures = {
        "proposals": 0,
        "supports": 0,
        "comments": 0,
        "meetings": 0,
        "meeting_attendees": 0,
        "meeting_contributions": 0,
    }
    if proposals:
        table = tables["proposals"]
        supports_column = "supports" if table.has("supports") else "votes"
        for line, row in proposals:
            if is_withdrawn(row):
                continue
            figures["proposals"] += 1
            figures["supports"] += integer(table, line, row, supports_column)
            figures["comments"] += integer(table, line, row, "comments")
    if meetings:
        table = tables["meetings"]
        comments_column = (
            "comments" if table.has("comments") else "comments/count" if table.has("comments/count") else None
        )
        for line, row in meetings:
            if is_withdrawn(row):
                continue
            figures["meetings"] += 1
            figures["meeting_attendees"] += integer(table, line, row, "attendees")
            figures["meeting_contributions"] += integer(table, line, row, "contributions")
            if comments_column:
                figures["comments"] += integer(table, line, row, comments_column)

    with transaction.atomic():
        existing = OnlineParticipation.objects.filter(consultation=consultation).first()
        previous = {key: getattr(existing, key) for key in figures} if existing else {}
        OnlineParticipation.objects.update_or_create(
            consultation=consultation,
            defaults={"process_slug": slug, "source_name": source_name or Path(source).name, **figures},
        )
        result = Result(figures, previous, [], [], [])
        draft_rows(consultation, proposals, result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def draft_rows(consultation, proposals, result):
    report_page = ConsultationReportPage.objects.child_of(consultation).first()
    result.report = report_page
    known = {record.decidim_id: record for record in ImportedProposal.objects.filter(consultation=consultation)}
    report = report_page.get_latest_revision_as_object() if report_page else None
    rows = list(report.responses.all()) if report else []
    by_subject = {row.subject: row for row in rows}
    changed = False
    for _line, row in proposals:
        decidim_id = row["id"]
        title = strip_tags(localised(row, "title")).strip()
        answer = " ".join(strip_tags(localised(row, "answer")).split())
        record = known.get(decidim_id) or ImportedProposal(consultation=consultation, decidim_id=decidim_id)
        record.reference, record.title, record.state = row.get("reference", "")[:120], title, row.get("state", "")
        decision = DECISIONS.get(row.get("state", ""))
        if report is None or decision is None or is_withdrawn(row):
            record.save()
            continue
        subject = f"Decidim {record.reference or decidim_id}"[:160]
        draft = ReportResponse(
            subject=subject,
            proposal=title,
            channel=ReportResponse.ONLINE,
            decision=decision,
            reason=answer or ("" if decision == ReportResponse.KEPT else NO_ANSWER_REASON),
        )
        current = by_subject.get(subject)
        if current is None:
            if record.drafted_row:
                result.kept_rows.append(subject)  # drafted before, then removed or renamed by an editor
            else:
                rows.append(draft)
                by_subject[subject] = draft
                result.created_rows.append(subject)
                record.drafted_row = fingerprint(draft)
                changed = True
        elif record.drafted_row and fingerprint(current) == record.drafted_row:
            if fingerprint(draft) != record.drafted_row:
                current.proposal, current.decision, current.reason = draft.proposal, draft.decision, draft.reason
                record.drafted_row = fingerprint(current)
                result.updated_rows.append(subject)
                changed = True
        else:
            result.kept_rows.append(subject)
        record.save()
    if changed:
        for position, row in enumerate(rows):
            row.sort_order = position
        report.responses = rows
        report.save_revision()  # a draft: an editor reviews the rows and publishes the report

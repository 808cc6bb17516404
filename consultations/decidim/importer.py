"""Read a Decidim open-data export (0.27 to 0.30) for one participatory process: the consultation's online figures,
draft report rows from the proposals, the results the authority is implementing (accountability) and, from 0.30, the
process's own title. Columns are matched by name; any error names the file, the line and the column, and nothing is
written (everything happens in one transaction)."""

import csv
import datetime
import difflib
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.html import strip_tags

from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.models import ConsultationReportPage, ReportResponse

ENTITIES = ("proposals", "meetings", "results", "participatory_processes")
DECISIONS = {"accepted": ReportResponse.KEPT, "rejected": ReportResponse.NOT_KEPT}
NO_ANSWER_REASON = "Réponse détaillée à rédiger : voir la réponse publiée sur la plateforme participative."
REQUIRED = {
    "proposals": ["id", "participatory_space/url", "state", "title/*", "supports|votes", "comments"],
    "meetings": ["id", "participatory_space/url", "attendees", "contributions"],
    # Results carry no participatory-space column in any version: their process is read from `url`.
    "results": ["id", "url", "parent/id", "title/*", "progress", "proposal_urls"],
    "participatory_processes": ["id", "slug", "title/*"],
}
RESULT_URL = re.compile(r"/processes/(?P<slug>[^/?#]+)/f/[^/?#]+/results/(?P<id>[^/?#]+)")
PROPOSAL_URL = re.compile(r"/proposals/(?P<id>\d+)(?:[/?#]|$)")
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


@dataclass
class ImportSummary:
    figures: dict
    previous: dict
    created_rows: list = field(default_factory=list)
    updated_rows: list = field(default_factory=list)
    kept_rows: list = field(default_factory=list)
    report: object = None
    process: Process = None
    repeated_processes: int = 0
    results_read: bool = False
    results_added: list = field(default_factory=list)
    results_updated: list = field(default_factory=list)
    results_removed: list = field(default_factory=list)
    results_unchanged: int = 0
    result_notes: list = field(default_factory=list)

    def lines(self):
        out = []
        if self.process:
            out.append(f"process: {self.process.title} ({self.process.url or 'no address given'})")
        if self.repeated_processes:
            out.append(f"participatory_processes: {self.repeated_processes} repeated row(s) ignored (same id)")
        for key, value in self.figures.items():
            before = self.previous.get(key)
            change = "" if before == value else f" (was {before})" if before is not None else " (new)"
            out.append(f"{key}: {value}{change}")
        if self.report is None:
            out.append("No report page under this consultation: no response row drafted.")
        out += [f"draft row added: {subject}" for subject in self.created_rows]
        out += [f"draft row updated: {subject}" for subject in self.updated_rows]
        out += [f"row left alone (edited by an editor): {subject}" for subject in self.kept_rows]
        if not self.results_read:
            out.append("No results file in the export: the implementation results are left as they were.")
            return out
        out.append(
            f"results: {len(self.results_added)} added, {len(self.results_updated)} updated, "
            f"{len(self.results_removed)} removed, {self.results_unchanged} unchanged"
        )
        out += [f"result added: {title}" for title in self.results_added]
        out += [f"result updated: {title}" for title in self.results_updated]
        out += [f"result removed (no longer in the export): {title}" for title in self.results_removed]
        out += self.result_notes
        return out


def fingerprint(row):
    text = "\x1f".join([row.subject, row.proposal, row.decision, row.reason])
    return hashlib.sha256(text.encode()).hexdigest()


def run_import(source, slug, consultation, separator=";", dry_run=False, source_name=""):
    """Import, in one transaction (rolled back on error or when `dry_run`). Returns an ImportSummary."""
    files = read_sources(source)
    tables = {entity: parse(name, text, entity, separator) for entity, (name, text) in files.items()}
    language = consultation.locale.language_code
    process, repeated = (
        find_process(tables["participatory_processes"], slug, language)
        if "participatory_processes" in tables
        else (None, 0)
    )
    results = read_results(tables["results"], slug, language) if "results" in tables else None
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
        described = {}
        if process:
            described = {"process_title": process.title, "process_title_language": process.language}
            described["process_url"] = process.url
        elif existing and existing.process_slug != slug:
            # A 0.27-0.29 export says nothing of the process: keep what a 0.30 import recorded, unless the
            # consultation now follows another process.
            described = {"process_title": "", "process_title_language": "", "process_url": ""}
        OnlineParticipation.objects.update_or_create(
            consultation=consultation,
            defaults={"process_slug": slug, "source_name": source_name or Path(source).name, **figures, **described},
        )
        summary = ImportSummary(figures, previous, process=process, repeated_processes=repeated)
        draft_rows(consultation, proposals, summary, language)
        if results is not None:
            save_results(consultation, results, summary)
        if dry_run:
            transaction.set_rollback(True)
    return summary


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


def save_results(consultation, rows, summary):
    """Keep the top-level results, keyed by (consultation, Decidim id): re-imports update them, and results gone
    from the export are removed. A sub-result (`parent/id`) is a step of its parent: the report answers "what is
    being done about the proposals", so each sub-result's proposals are counted in its top-level result and the
    steps are only counted (Decidim's own page, linked from each result, details them; a parent's progress is
    already computed from its sub-results there)."""
    summary.results_read = True
    by_id = {row.decidim_id: row for row in rows}

    def root_of(row):
        start, seen = row, {row.decidim_id}
        while row.parent_id in by_id:
            if row.parent_id in seen:
                raise ImportError_(f"{start.where}, column “parent/id”: the result is its own ancestor (a loop).")
            seen.add(row.parent_id)
            row = by_id[row.parent_id]
        return row

    roots, members = [], {}
    for row in rows:
        root = root_of(row)
        if root is row:
            roots.append(row)
        members.setdefault(root.decidim_id, []).append(row)
        if row.parent_id and row.parent_id not in by_id:
            summary.result_notes.append(
                f"result {row.decidim_id}: its parent {row.parent_id} is not in the export, shown as a result"
            )
    proposals = {record.decidim_id: record for record in ImportedProposal.objects.filter(consultation=consultation)}
    existing = {
        record.decidim_id: record
        for record in ImplementationResult.objects.filter(consultation=consultation).prefetch_related("proposals")
    }
    for position, root in enumerate(roots):
        family = members[root.decidim_id]
        linked, unknown = [], 0
        for member in family:
            for proposal_id in member.proposal_ids:
                if proposal_id in proposals and proposals[proposal_id] not in linked:
                    linked.append(proposals[proposal_id])
                elif proposal_id not in proposals:
                    unknown += 1
        unknown += sum(member.outside for member in family)
        if unknown:
            summary.result_notes.append(
                f"result {root.decidim_id}: {unknown} linked proposal(s) not among this process's proposals"
            )
        values = {**root.values, "sub_results": len(family) - 1, "sort_order": position}
        record = existing.pop(root.decidim_id, None)
        if record is None:
            record = ImplementationResult.objects.create(
                consultation=consultation, decidim_id=root.decidim_id, **values
            )
            record.proposals.set(linked)
            summary.results_added.append(record.title)
            continue
        same = all(getattr(record, key) == value for key, value in values.items())
        same_proposals = {proposal.pk for proposal in record.proposals.all()} == {proposal.pk for proposal in linked}
        if same and same_proposals:
            summary.results_unchanged += 1
            continue
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
        record.proposals.set(linked)
        summary.results_updated.append(record.title)
    for record in existing.values():
        summary.results_removed.append(record.title)
        record.delete()


def draft_rows(consultation, proposals, summary, language):
    report_page = ConsultationReportPage.objects.child_of(consultation).first()
    summary.report = report_page
    known = {record.decidim_id: record for record in ImportedProposal.objects.filter(consultation=consultation)}
    report = report_page.get_latest_revision_as_object() if report_page else None
    rows = list(report.responses.all()) if report else []
    by_subject = {row.subject: row for row in rows}
    changed = False
    for _line, row in proposals:
        decidim_id = row["id"]
        title = strip_tags(localised(row, "title", language)).strip()
        answer = " ".join(strip_tags(localised(row, "answer", language)).split())
        record = known.get(decidim_id) or ImportedProposal(consultation=consultation, decidim_id=decidim_id)
        record.reference, record.title, record.state = row.get("reference", "")[:120], title, row.get("state", "")
        decision = DECISIONS.get(row.get("state", ""))
        if report is None or decision is None or is_withdrawn(row):
            record.save()
            continue
        subject = record.report_subject
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
                summary.kept_rows.append(subject)  # drafted before, then removed or renamed by an editor
            else:
                rows.append(draft)
                by_subject[subject] = draft
                summary.created_rows.append(subject)
                record.drafted_row = fingerprint(draft)
                changed = True
        elif record.drafted_row and fingerprint(current) == record.drafted_row:
            if fingerprint(draft) != record.drafted_row:
                current.proposal, current.decision, current.reason = draft.proposal, draft.decision, draft.reason
                record.drafted_row = fingerprint(current)
                summary.updated_rows.append(subject)
                changed = True
        else:
            summary.kept_rows.append(subject)
        record.save()
    if changed:
        for position, row in enumerate(rows):
            row.sort_order = position
        report.responses = rows
        report.save_revision()  # a draft: an editor reviews the rows and publishes the report

"""Import a Decidim open-data export (0.27 to 0.30) for one participatory process: write the consultation's online
figures, draft report rows from the proposals, the results the authority is implementing (accountability) and, from
0.30, the process's own title. Reading the files is reading.py's job, telling what was done summary.py's; any error
names the file, the line and the column, and nothing is written (everything happens in one transaction)."""

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.html import strip_tags

from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.decidim.reading import (  # noqa: F401 - ImportError_ is part of the importer's interface
    ImportError_,
    find_process,
    in_process,
    integer,
    is_withdrawn,
    localised,
    parse,
    read_results,
    read_sources,
)
from consultations.decidim.summary import ImportSummary
from consultations.models import ConsultationReportPage, ReportResponse

DECISIONS = {"accepted": ReportResponse.KEPT, "rejected": ReportResponse.NOT_KEPT}
NO_ANSWER_REASON = "Réponse détaillée à rédiger : voir la réponse publiée sur la plateforme participative."


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

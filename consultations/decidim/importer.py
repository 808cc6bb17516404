"""Import a Decidim open-data export (0.27 to 0.32) for one participatory process: write the consultation's online
figures, its contribution records from the proposals, the results the authority is implementing (accountability)
and, from 0.30, the process's own title. Reading the files is reading.py's job, what the rows say rows.py's, the
contribution records contributions.py's, telling what was done summary.py's. Any error names the file, the line and
the column, and nothing is written (everything happens in one transaction). Nothing is removed (proposals gone from
the export, their contributions, results) unless the editor confirms it (`confirm_removal`)."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from consultations.decidim.contributions import sync_contributions
from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.decidim.reading import (  # noqa: F401 - ImportError_ is part of the importer's interface
    ImportError_,
    in_process,
    integer,
    is_withdrawn,
    parse,
    read_sources,
)
from consultations.decidim.rows import check_process_is_there, find_process, read_proposals, read_results
from consultations.decidim.summary import ImportSummary


def run_import(source, slug, consultation, separator=None, dry_run=False, source_name="", confirm_removal=False):
    """Import, in one transaction (rolled back on error or when `dry_run`). `separator` None detects it in each
    file. Returns an ImportSummary."""
    files = read_sources(source, source_name)
    tables = {entity: parse(name, text, entity, separator) for entity, (name, text) in files.items()}
    language = consultation.locale.language_code
    process, repeated = (
        find_process(tables["participatory_processes"], slug, language)
        if "participatory_processes" in tables
        else (None, 0)
    )
    unmatched = check_process_is_there(tables, slug)
    results = read_results(tables["results"], slug, language) if "results" in tables else None
    proposals = read_proposals(tables["proposals"], slug, language) if "proposals" in tables else None
    figures = count_figures(tables, slug)

    with transaction.atomic():
        existing = OnlineParticipation.objects.filter(consultation=consultation).first()
        previous = {key: getattr(existing, key) for key in figures} if existing else {}
        described = {}
        if process:
            described = {"process_title": process.title, "process_title_language": process.language}
            described["process_url"] = process.url
        elif existing and existing.process_slug != slug:
            # An export without processes file says nothing of the process: keep what an earlier one recorded,
            # unless the consultation now follows another process.
            described = {"process_title": "", "process_title_language": "", "process_url": ""}
        OnlineParticipation.objects.update_or_create(
            consultation=consultation,
            defaults={"process_slug": slug, "source_name": source_name or Path(source).name, **figures, **described},
        )
        summary = ImportSummary(figures, previous, process=process, repeated_processes=repeated, unmatched=unmatched)
        if proposals is not None:
            summary.proposals_read = True
            sync_contributions(consultation, proposals, summary, confirm_removal)
        if results is not None:
            save_results(consultation, results, summary, confirm_removal)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def count_figures(tables, slug):
    figures = dict.fromkeys(
        ("proposals", "supports", "comments", "meetings", "meeting_attendees", "meeting_contributions"), 0
    )
    if "proposals" in tables:
        table = tables["proposals"]
        supports_column = "supports" if table.has("supports") else "votes"
        for line, row in table.rows:
            if in_process(row, slug) and not is_withdrawn(row):
                figures["proposals"] += 1
                figures["supports"] += integer(table, line, row, supports_column)
                figures["comments"] += integer(table, line, row, "comments")
    if "meetings" in tables:
        table = tables["meetings"]
        comments_column = next((name for name in ("comments", "comments/count") if table.has(name)), None)
        for line, row in table.rows:
            if in_process(row, slug) and not is_withdrawn(row):
                figures["meetings"] += 1
                figures["meeting_attendees"] += integer(table, line, row, "attendees")
                figures["meeting_contributions"] += integer(table, line, row, "contributions")
                if comments_column:
                    figures["comments"] += integer(table, line, row, comments_column)
    return figures


def result_families(rows, summary):
    """The top-level results in export order, and each one's family (itself and its sub-results, at any depth)."""
    by_id = {row.decidim_id: row for row in rows}

    def root_of(row):
        start, seen = row, {row.decidim_id}
        while row.parent_id in by_id:
            if row.parent_id in seen:
                raise ImportError_(
                    gettext("%(where)s, column “parent/id”: the result is its own ancestor (a loop).")
                    % {"where": start.where}
                )
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
            summary.result_notes.append((row.decidim_id, row.parent_id))
    return roots, members


def save_results(consultation, rows, summary, confirm_removal):
    """Keep the top-level results, keyed by (consultation, Decidim id): re-imports update them; results gone from the
    export are listed, and removed only when the editor confirms it. A sub-result (`parent/id`) is a step of its
    parent: the report answers "what is being done about the proposals", so each sub-result's proposals are counted
    in its top-level result and the steps are only counted (Decidim's own page, linked from each result, details
    them; a parent's progress is already computed from its sub-results there). Written in bulk."""
    summary.results_read = True
    roots, members = result_families(rows, summary)
    proposals = dict(ImportedProposal.objects.filter(consultation=consultation).values_list("decidim_id", "pk"))
    existing = {
        record.decidim_id: record
        for record in ImplementationResult.objects.filter(consultation=consultation).prefetch_related("proposals")
    }
    new, changed, links = [], [], {}
    for position, root in enumerate(roots):
        family = members[root.decidim_id]
        linked, unknown = [], 0
        for member in family:
            for proposal_id in member.proposal_ids:
                if proposal_id not in proposals:
                    unknown += 1
                elif proposals[proposal_id] not in linked:
                    linked.append(proposals[proposal_id])
        unknown += sum(member.outside for member in family)
        if unknown:
            summary.result_outside.append((root.decidim_id, unknown))
        values = {**root.values, "sub_results": len(family) - 1, "sort_order": position}
        record = existing.pop(root.decidim_id, None)
        if record is None:
            record = ImplementationResult(consultation=consultation, decidim_id=root.decidim_id, **values)
            new.append(record)
            links[root.decidim_id] = (record, linked)
            summary.results_added.append(record.title)
            continue
        same = all(getattr(record, key) == value for key, value in values.items())
        if same and {proposal.pk for proposal in record.proposals.all()} == set(linked):
            summary.results_unchanged += 1
            continue
        for key, value in values.items():
            setattr(record, key, value)
        changed.append(record)
        links[root.decidim_id] = (record, linked)
        summary.results_updated.append(record.title)
    ImplementationResult.objects.bulk_create(new)
    fields = [*roots[0].values, "sub_results", "sort_order"] if roots else []
    ImplementationResult.objects.bulk_update(changed, fields)
    through = ImplementationResult.proposals.through
    through.objects.filter(implementationresult__in=changed).delete()
    through.objects.bulk_create(
        through(implementationresult_id=record.pk, importedproposal_id=proposal_pk)
        for record, linked in links.values()
        for proposal_pk in linked
    )
    summary.results_gone = [record.title for record in existing.values()]
    if existing and confirm_removal:
        ImplementationResult.objects.filter(pk__in=[record.pk for record in existing.values()]).delete()
        summary.removed = True

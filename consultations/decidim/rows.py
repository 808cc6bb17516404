"""What the rows of a Decidim export say about one participatory process: the process itself (0.30 and later), its
proposals as contribution values, its results, and whether the export holds the process at all. Every value is
checked before anything is written; a problem names the file, the line and the column."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from consultations.decidim.reading import (
    PROPOSAL_URL,
    ImportError_,
    date,
    in_process,
    is_withdrawn,
    localised,
    localised_with_language,
    percentage,
    plain,
    plain_paragraphs,
    process_slug,
    result_id,
)
from consultations.models.contribution import REFERENCE_PATTERN, Contribution, normalise_reference

# Decidim's answer states (0.27 to 0.32, where they are the default tokens of 0.29's custom states) and the
# decisions they are. "withdrawn" is not among them: its author took the proposal back, nobody decided anything
# (see read_proposals). "not_answered" and an empty state (an answer not yet published) give no decision.
DECISIONS = {
    "accepted": Contribution.KEPT,
    "rejected": Contribution.NOT_KEPT,
    "evaluating": Contribution.UNDER_STUDY,
}
UNANSWERED = ("", "not_answered")
# The file and column that say which process a row belongs to.
SPACE_COLUMN = {"proposals": "participatory_space/url", "meetings": "participatory_space/url", "results": "url"}
TITLE_LENGTH = Contribution._meta.get_field("title").max_length
REFERENCE = re.compile(f"^{REFERENCE_PATTERN}$")


@dataclass
class Process:
    """The process as the participatory_processes file (0.30 and later) describes it."""

    title: str
    language: str
    url: str


def close_slugs(slug, slugs):
    """Slugs that look like `slug`: typos (difflib) and partial slugs ("ecole" for "ecoles-maternelles")."""
    close = difflib.get_close_matches(slug, slugs, n=5, cutoff=0.6)
    close += [other for other in sorted(slugs) if (slug in other or other in slug) and other not in close]
    return close[:5]


def listed(slugs, limit=10):
    slugs = sorted(slugs)
    return ", ".join(slugs[:limit]) + ("…" if len(slugs) > limit else "")


def find_process(table, slug, language):
    """The process `slug` in the participatory_processes file, whose rows may repeat (a known Decidim bug): the
    first row of each id counts. Returns (Process, number of repeated rows ignored)."""
    by_id, repeated = {}, 0
    for line, row in table.rows:
        if not row.get("id"):
            raise ImportError_(
                gettext("%(file)s, line %(line)s, column “id”: empty.") % {"file": table.name, "line": line}
            )
        if row["id"] in by_id:
            repeated += 1
        else:
            by_id[row["id"]] = row
    slugs = [row["slug"] for row in by_id.values() if row.get("slug")]
    for row in by_id.values():
        if row.get("slug") == slug:
            title, title_language = localised_with_language(row, "title", language)
            return Process(plain(title), title_language if title else "", row.get("url", "")[:500]), repeated
    close = close_slugs(slug, slugs)
    if close:
        hint = gettext("Close slugs: %(slugs)s.") % {"slugs": ", ".join(close)}
    elif slugs:
        hint = gettext("Slugs in the file: %(slugs)s.") % {"slugs": listed(slugs)}
    else:
        hint = gettext("The file lists no process.")
    raise ImportError_(
        gettext("%(file)s: no participatory process has the slug “%(slug)s”. %(hint)s")
        % {"file": table.name, "slug": slug, "hint": hint}
    )


def slugs_of(table, entity):
    column = SPACE_COLUMN[entity]
    return {found for _line, row in table.rows if (found := process_slug(row.get(column, "")))}


def check_process_is_there(tables, slug):
    """Stop when no row of the export belongs to process `slug` (a mistyped slug would otherwise read as "no
    proposal, no result" and empty the consultation's figures): the message lists the slugs each file holds.
    Returns the files that hold rows but none of this process (a process without meetings, say), with their
    slugs, for the summary to say so."""
    held = {entity: tables[entity] for entity in SPACE_COLUMN if entity in tables and tables[entity].rows}
    if not held:
        return []
    slugs = {entity: slugs_of(table, entity) for entity, table in held.items()}
    matching = {entity for entity, found in slugs.items() if slug in found}
    if matching:
        return [(held[entity].name, sorted(found)) for entity, found in slugs.items() if entity not in matching]
    everything = set().union(*slugs.values())
    close = close_slugs(slug, sorted(everything))
    files = "; ".join(
        gettext("%(file)s: %(slugs)s") % {"file": held[entity].name, "slugs": listed(found) or gettext("none")}
        for entity, found in slugs.items()
    )
    message = gettext(
        "No row of the export belongs to the process “%(slug)s”: check the process's identifier (the part after "
        "/processes/ in its address). Process identifiers in the export: %(files)s."
    ) % {"slug": slug, "files": files}
    if close:
        message += " " + gettext("Close slugs: %(slugs)s.") % {"slugs": ", ".join(close)}
    raise ImportError_(message)


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
            raise ImportError_(
                gettext("%(file)s, line %(line)s, column “url”: empty, so the result's process is unknown.")
                % {"file": table.name, "line": line}
            )
        if process_slug(url) != slug or not result_id(url):
            continue  # another process, or an assembly's result
        if not row.get("id"):
            raise ImportError_(
                gettext("%(file)s, line %(line)s, column “id”: empty.") % {"file": table.name, "line": line}
            )
        title, title_language = localised_with_language(row, "title", language)
        status, status_language = localised_with_language(row, "status/name", language)
        addresses = [address.strip() for address in row.get("proposal_urls", "").split(", ") if address.strip()]
        proposal_ids = [found["id"] for found in map(PROPOSAL_URL.search, addresses) if found]
        rows.append(
            ResultRow(
                where=gettext("%(file)s, line %(line)s") % {"file": table.name, "line": line},
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


@dataclass
class ProposalRow:
    """A proposal of the process as the contribution it becomes (`values`: the Contribution's fields)."""

    decidim_id: str
    state: str
    values: dict
    notes: list = field(default_factory=list)


def reference_of(row):
    """Decidim's reference (`<prefix>-PROP-<year>-<month>-<id>`) in the form contributions keep; a reference the
    pattern refuses (an organisation prefix with other characters) keeps its letters and digits."""
    reference = normalise_reference(row.get("reference", ""))
    if not REFERENCE.match(reference):
        reference = re.sub(r"[^A-Za-z0-9._-]+", "-", reference).strip("-._")[:60]
    return reference if REFERENCE.match(reference) else f"DECIDIM-{row['id']}"[:60]


def made_in_person(row):
    """Created in a meeting: 0.30 and later say so (`created_in_meeting`); before, the meeting is the author."""
    return row.get("created_in_meeting") == "true" or "/meetings/" in row.get("author/url", "")


def read_proposals(table, slug, language):
    """The proposals of process `slug` as contribution values, checked before anything is written. A withdrawn
    proposal is left out: its author took it back, and Decidim counts it nowhere; answering it "out of scope"
    would tell the public the authority set it aside, which it did not."""
    proposals, references = [], {}
    for line, row in table.rows:
        if not in_process(row, slug) or is_withdrawn(row):
            continue
        if not row.get("id"):
            raise ImportError_(
                gettext("%(file)s, line %(line)s, column “id”: empty.") % {"file": table.name, "line": line}
            )
        reference = reference_of(row)
        if reference in references:
            raise ImportError_(
                gettext(
                    "%(file)s, line %(line)s, column “reference”: “%(reference)s” is already the reference of line "
                    "%(other)s."
                )
                % {"file": table.name, "line": line, "reference": reference, "other": references[reference]}
            )
        references[reference] = line
        body, body_language = localised_with_language(row, "body", language)
        body_language = body_language or language
        title = plain(localised(row, "title", body_language) or localised(row, "title", language))
        submitted = date(table, line, row, "published_at") or date(table, line, row, "created_at")
        if submitted is None:
            raise ImportError_(
                gettext("%(file)s, line %(line)s, column “published_at”: empty, so the proposal's date is unknown.")
                % {"file": table.name, "line": line}
            )
        state = row.get("state", "")
        # The answer counts once Decidim publishes it (a non-empty state); before, the export may carry a draft.
        answer = "" if state in UNANSWERED else plain_paragraphs(localised(row, "answer", body_language))
        decision, notes = DECISIONS.get(state, ""), []
        if decision and decision != Contribution.KEPT and not answer:
            notes.append(state)  # Decidim's answer gives no reason: the decision waits for one
            decision = ""
        elif state not in UNANSWERED and state not in DECISIONS:
            notes.append(state)  # a state the platform defined (0.29 and later): the editor decides
        title = title or reference
        if len(title) > TITLE_LENGTH:
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        proposals.append(
            ProposalRow(
                decidim_id=row["id"],
                state=state,
                values={
                    "reference": reference,
                    "title": title,
                    "body": plain_paragraphs(body) or title,
                    "language": body_language[:16],
                    "channel": Contribution.IN_PERSON if made_in_person(row) else Contribution.ONLINE,
                    "submitted_on": submitted,
                    "decidim_url": row.get("url", "")[:500],
                    "decision": decision,
                    "reason": answer,
                    "answered_on": date(table, line, row, "answered_at") if decision else None,
                },
                notes=notes,
            )
        )
    return proposals

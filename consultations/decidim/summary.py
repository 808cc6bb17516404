"""What an import did, in lines an editor reads in the admin or a terminal (figures, contributions, results), and
what it would remove once the editor confirms it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy, ngettext

from consultations.decidim.rows import Process

# Beyond this, a list of references is cut short: an import of 1,500 proposals would otherwise print 1,500 lines.
LISTED = 30
FIGURES = {
    "proposals": gettext_lazy("proposals"),
    "supports": gettext_lazy("supports or votes"),
    "comments": gettext_lazy("comments"),
    "meetings": gettext_lazy("meetings"),
    "meeting_attendees": gettext_lazy("meeting attendees"),
    "meeting_contributions": gettext_lazy("meeting contributions"),
}
FIELD_NAMES = {
    "title": gettext_lazy("title"),
    "body": gettext_lazy("text"),
    "decision": gettext_lazy("decision"),
    "reason": gettext_lazy("reason"),
}


def references(items):
    items = list(items)
    shown = ", ".join(items[:LISTED])
    if len(items) > LISTED:
        shown += " " + gettext("and %(count)s more") % {"count": len(items) - LISTED}
    return shown


@dataclass
class ImportSummary:
    figures: dict
    previous: dict
    process: Process = None
    repeated_processes: int = 0
    unmatched: list = field(default_factory=list)  # (file, its process slugs): rows, none of this process
    proposals_read: bool = False
    contributions_added: list = field(default_factory=list)
    contributions_updated: list = field(default_factory=list)
    contributions_unchanged: int = 0
    contributions_kept: list = field(default_factory=list)  # (reference, [fields kept as the editor wrote them])
    contributions_linked: list = field(default_factory=list)
    deleted_by_editor: list = field(default_factory=list)
    reference_taken: list = field(default_factory=list)
    undecided: list = field(default_factory=list)  # (reference, Decidim state) left for the editor to decide
    proposals_gone: list = field(default_factory=list)  # (reference, title)
    contributions_gone: list = field(default_factory=list)
    results_read: bool = False
    results_added: list = field(default_factory=list)
    results_updated: list = field(default_factory=list)
    results_unchanged: int = 0
    results_gone: list = field(default_factory=list)
    result_notes: list = field(default_factory=list)  # (result id, parent id missing from the export)
    result_outside: list = field(default_factory=list)  # (result id, linked proposals not of this process)
    removed: bool = False

    @property
    def removals(self):
        """What the import removes once confirmed (or removed, when it was): lines for the editor to check."""
        out = [
            gettext("proposal %(reference)s “%(title)s”") % {"reference": reference, "title": title}
            for reference, title in self.proposals_gone
        ]
        if self.contributions_gone:
            out.append(
                ngettext(
                    "with its contribution record: %(references)s",
                    "with their contribution records: %(references)s",
                    len(self.contributions_gone),
                )
                % {"references": references(self.contributions_gone)}
            )
        out += [gettext("result “%(title)s”") % {"title": title} for title in self.results_gone]
        return out

    @property
    def needs_confirmation(self):
        return bool(self.proposals_gone or self.results_gone) and not self.removed

    def lines(self):
        out = []
        if self.process:
            out.append(
                gettext("process: %(title)s (%(url)s)")
                % {"title": self.process.title, "url": self.process.url or gettext("no address given")}
            )
        if self.repeated_processes:
            out.append(
                ngettext(
                    "participatory_processes: %(count)s repeated row ignored (same id)",
                    "participatory_processes: %(count)s repeated rows ignored (same id)",
                    self.repeated_processes,
                )
                % {"count": self.repeated_processes}
            )
        out += self.figure_lines()
        out += [
            gettext("%(file)s: no row of this process (the file holds %(slugs)s)")
            % {"file": name, "slugs": ", ".join(slugs)}
            for name, slugs in self.unmatched
        ]
        out += self.contribution_lines()
        out += self.result_lines()
        return out

    def figure_lines(self):
        out = []
        for key, value in self.figures.items():
            before = self.previous.get(key)
            name = str(FIGURES[key])
            if before is None:
                out.append(gettext("%(figure)s: %(value)s (new)") % {"figure": name, "value": value})
            elif before == value:
                out.append(gettext("%(figure)s: %(value)s") % {"figure": name, "value": value})
            else:
                out.append(
                    gettext("%(figure)s: %(value)s (was %(before)s)")
                    % {"figure": name, "value": value, "before": before}
                )
        return out

    def contribution_lines(self):
        if not self.proposals_read:
            return [gettext("No proposals file in the export: the contribution records are left as they were.")]
        out = [
            gettext("contributions: %(added)s added, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "added": len(self.contributions_added),
                "updated": len(self.contributions_updated),
                "unchanged": self.contributions_unchanged,
            }
        ]
        if self.contributions_added:
            out.append(
                gettext("contributions added: %(references)s") % {"references": references(self.contributions_added)}
            )
        if self.contributions_updated:
            out.append(
                gettext("contributions updated: %(references)s")
                % {"references": references(self.contributions_updated)}
            )
        out += [
            gettext("%(reference)s: kept as an editor wrote it: %(fields)s")
            % {"reference": reference, "fields": ", ".join(str(FIELD_NAMES[name]) for name in fields)}
            for reference, fields in self.contributions_kept
        ]
        if self.contributions_linked:
            out.append(
                gettext("existing contributions linked to their proposal (their filled fields kept): %(references)s")
                % {"references": references(self.contributions_linked)}
            )
        if self.deleted_by_editor:
            out.append(
                gettext("deleted by an editor, not imported again: %(references)s")
                % {"references": references(self.deleted_by_editor)}
            )
        if self.reference_taken:
            out.append(
                gettext("reference already used by another proposal's contribution, not imported: %(references)s")
                % {"references": references(self.reference_taken)}
            )
        out += [
            gettext("%(reference)s: Decidim state “%(state)s” without a reason: the decision is left to the editor")
            % {"reference": reference, "state": state}
            for reference, state in self.undecided
        ]
        return out

    def result_lines(self):
        if not self.results_read:
            return [gettext("No results file in the export: the implementation results are left as they were.")]
        out = [
            gettext("results: %(added)s added, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "added": len(self.results_added),
                "updated": len(self.results_updated),
                "unchanged": self.results_unchanged,
            }
        ]
        out += [gettext("result added: %(title)s") % {"title": title} for title in self.results_added]
        out += [gettext("result updated: %(title)s") % {"title": title} for title in self.results_updated]
        out += [
            gettext("result %(id)s: its parent %(parent)s is not in the export, shown as a result")
            % {"id": result_id, "parent": parent}
            for result_id, parent in self.result_notes
        ]
        out += [
            ngettext(
                "result %(id)s: %(count)s linked proposal not among this process's proposals",
                "result %(id)s: %(count)s linked proposals not among this process's proposals",
                count,
            )
            % {"id": result_id, "count": count}
            for result_id, count in self.result_outside
        ]
        return out

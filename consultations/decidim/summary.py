"""What an import did, in lines an editor reads in the admin or a terminal (figures, rows drafted, results)."""

from dataclasses import dataclass, field

from consultations.decidim.reading import Process


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

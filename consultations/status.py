"""A consultation's status, derived from its phases, its promised answer date and its report (never typed)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

UPCOMING = "upcoming"
OPEN = "open"
ANALYSIS = "analysis"
REPORT = "report"
OVERDUE = "overdue"

LABELS = {
    UPCOMING: _("Upcoming"),
    OPEN: _("Open"),
    ANALYSIS: _("Under analysis"),
    REPORT: _("Report published"),
    OVERDUE: _("Answer overdue"),
}
DESCRIPTIONS = {
    UPCOMING: _("Participation has not started yet."),
    OPEN: _("You can take part now."),
    ANALYSIS: _("Participation is closed; the contributions are being analysed."),
    REPORT: _("The report says what became of every contribution."),
    OVERDUE: _("The date by which the authority promised its answer has passed, and no report is published."),
}
# The choices of the index's status filter; "analysis" also lists the late ones, which are still awaiting
# their report, and "overdue" picks them alone.
FILTER_CHOICES = [UPCOMING, OPEN, ANALYSIS, REPORT, OVERDUE]


@dataclass(frozen=True)
class Status:
    code: str

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def description(self):
        return DESCRIPTIONS[self.code]

    @property
    def is_late(self):
        return self.code == OVERDUE

    def matches(self, wanted):
        return self.code == wanted or (wanted == ANALYSIS and self.code == OVERDUE)

    def __str__(self):
        return str(self.label)


def derive_status(phases, answer_due_date, has_published_report, today):
    """The status of a consultation on `today`.

    `phases` are objects with `start_date`, `end_date` and `is_participation`; participation is open from the
    first participation phase's start to the last one's end (gaps between phases included). A published report
    wins; otherwise a passed answer date makes the consultation overdue, whatever its phases say.
    """
    if has_published_report:
        return Status(REPORT)
    if answer_due_date and answer_due_date < today:
        return Status(OVERDUE)
    participation = [phase for phase in phases if phase.is_participation and phase.start_date]
    if not participation:
        participation = [phase for phase in phases if phase.start_date]
    if not participation:
        return Status(UPCOMING)
    start = min(phase.start_date for phase in participation)
    end = max((phase.end_date or phase.start_date) for phase in participation)
    if today < start:
        return Status(UPCOMING)
    if today <= end:
        return Status(OPEN)
    return Status(ANALYSIS)


def current_phase(phases, today):
    """The phase whose dates include `today` (the latest started one if they overlap), or None."""
    running = [
        phase
        for phase in phases
        if phase.start_date and phase.start_date <= today <= (phase.end_date or phase.start_date)
    ]
    return max(running, key=lambda phase: phase.start_date, default=None)

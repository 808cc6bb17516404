"""A consultation's status, derived from its phases, its promised answer date and its report (never typed)."""

from dataclasses import dataclass

from django.db.models import Case, CharField, DateField, Exists, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_core.site_data import public_pages
from site_core.tree import children_of_outer_page

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


# Whether the report came by the promised date: one definition for the index, the consultation page, the report,
# the label, the dashboard, the commitments' rules and the feed.
ON_TIME = "on_time"
LATE = "late"
NOT_DUE = "not_due"


@dataclass(frozen=True)
class Timeliness:
    """Whether a consultation's report came by its promised date: `code` (ON_TIME, LATE or NOT_DUE), `days_late`
    (after the promised date: to the publication, or to today while the report is missing), and the dates."""

    code: str
    due_on: object = None
    published_on: object = None
    days_late: int = 0

    @property
    def is_late(self):
        return self.code == LATE

    @property
    def is_on_time(self):
        return self.code == ON_TIME

    @property
    def is_measured(self):
        return self.code != NOT_DUE

    @property
    def report_missing(self):
        return self.published_on is None


def report_timeliness(answer_due_date, report_published_on, today):
    """A report is late when it was published after the promised date, or is still missing after it (the promised
    day itself is not late). A report published without a promised date is on time; none, and no date passed yet,
    is not due. `report_published_on` is a date (the report's first publication, in the site's time zone)."""
    if report_published_on is not None:
        if answer_due_date is None or report_published_on <= answer_due_date:
            return Timeliness(ON_TIME, answer_due_date, report_published_on)
        return Timeliness(LATE, answer_due_date, report_published_on, (report_published_on - answer_due_date).days)
    if answer_due_date is not None and answer_due_date < today:
        return Timeliness(LATE, answer_due_date, None, (today - answer_due_date).days)
    return Timeliness(NOT_DUE, answer_due_date, None)


def publication_day(moment):
    """The day a report was published, in the site's time zone (what every page shows and measures)."""
    return timezone.localdate(moment) if moment is not None else None


def current_phase(phases, today):
    """The phase whose dates include `today` (the latest started one if they overlap), or None."""
    running = [
        phase
        for phase in phases
        if phase.start_date and phase.start_date <= today <= (phase.end_date or phase.start_date)
    ]
    return max(running, key=lambda phase: phase.start_date, default=None)


def phase_date(aggregate, column, participation=False):
    """A subquery giving each consultation's earliest or latest phase date (of its participation phases only, if
    `participation`), for annotating a queryset of consultation pages."""
    # Here, not at the top: consultations.models imports this module (the pages' statuses) (an import cycle).
    from consultations.models import ConsultationPhase

    phases = ConsultationPhase.objects.filter(page=OuterRef("pk"))
    if participation:
        phases = phases.filter(is_participation=True)
    rows = phases.order_by().values("page").annotate(value=aggregate(column)).values("value")
    return Subquery(rows[:1], output_field=DateField())


def published_reports():
    """The reports that count as published: live, public, with a first publication date (a live page without one
    only comes from data written around Wagtail's publishing). One definition for the status, the indicators and
    the consultation page."""
    # Here, not at the top: consultations.models imports this module (the pages' statuses) (an import cycle).
    from consultations.models import ConsultationReportPage

    return public_pages(ConsultationReportPage.objects.live().filter(first_published_at__isnull=False))


def reports_of_outer_page():
    """The published reports that are children of the consultation `OuterRef` (at most one is expected)."""
    return published_reports().filter(**children_of_outer_page())


def report_day_of_outer_page():
    """A subquery giving the day (site time zone) the consultation `OuterRef`'s published report first came out."""
    days = reports_of_outer_page().annotate(day=TruncDate("first_published_at", tzinfo=timezone.get_current_timezone()))
    return Subquery(days.values("day")[:1], output_field=DateField())


def annotate_status(queryset, today):
    """Consultation pages annotated, in the database, with `launch_on` (the first phase's start),
    `participation_from`/`participation_to` (the participation span), `has_live_report`, `report_published_on`
    (its first publication's day), `status_code` and `timeliness_code`: the same rules as derive_status and
    report_timeliness, computed for thousands of consultations in one query.
    tests/consultations/test_status.py checks that both agree on every case, day by day."""
    annotated = queryset.annotate(
        launch_on=phase_date(Min, "start_date"),
        participation_from=Coalesce(phase_date(Min, "start_date", participation=True), phase_date(Min, "start_date")),
        participation_to=Coalesce(phase_date(Max, "end_date", participation=True), phase_date(Max, "end_date")),
        has_live_report=Exists(reports_of_outer_page()),
        report_published_on=report_day_of_outer_page(),
    )
    return annotated.annotate(
        status_code=Case(
            When(has_live_report=True, then=Value(REPORT)),
            When(answer_due_date__lt=today, then=Value(OVERDUE)),
            When(Q(participation_from__isnull=True) | Q(participation_from__gt=today), then=Value(UPCOMING)),
            When(participation_to__gte=today, then=Value(OPEN)),
            default=Value(ANALYSIS),
        ),
        timeliness_code=Case(
            When(report_published_on__gt=F("answer_due_date"), then=Value(LATE)),
            When(report_published_on__isnull=False, then=Value(ON_TIME)),
            When(answer_due_date__lt=today, then=Value(LATE)),
            default=Value(NOT_DUE),
            output_field=CharField(),
        ),
    )

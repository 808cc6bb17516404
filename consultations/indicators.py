"""The dashboard's indicators, computed from the structured records (phases, events, reports and their response
rows, label awards), never typed twice. `load_records` reads every consultation of one language in a few grouped
queries; `summarise` turns any set of records into the indicators; `group_by` aggregates by year, theme or
territory."""

import datetime
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from consultations import status as statuses
from site_core.site_data import public_pages, remember

COUNT, SHARE, DAYS = "count", "share", "days"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    definition: str
    kind: str = COUNT


INDICATORS = [
    Indicator(
        "consultations",
        _("Consultations"),
        _("Published consultations in the selection, whatever their status."),
    ),
    Indicator(
        "participants_online",
        _("Participants online"),
        _("People who took part on the online platform, as counted in the published reports."),
    ),
    Indicator(
        "participants_in_person",
        _("Participants in person"),
        _(
            "People who came to the meetings: the report's figure once it is out, before that the attendance "
            "recorded in each event's minutes."
        ),
    ),
    Indicator(
        "contributions",
        _("Contributions"),
        _(
            "Proposals, comments and opinions received online and in person: the report's figures once it is out, "
            "before that the contributions recorded at the events and imported from the online platform."
        ),
    ),
    Indicator(
        "answered_share",
        _("Contributions answered"),
        _("Share of the contributions that belong to a consultation whose report, answering each of them, is out."),
        SHARE,
    ),
    Indicator(
        "influence_share",
        _("Influence"),
        _("Share of the answers in the published reports that keep or adapt what was proposed."),
        SHARE,
    ),
    Indicator(
        "in_person_share",
        _("Hybridisation"),
        _("Share of the events already held that took place in person (or in person and online at once)."),
        SHARE,
    ),
    Indicator(
        "on_time_share",
        _("Reports on time"),
        _(
            "Among the consultations whose promised answer date has passed or whose report is out, the share whose "
            "report was published by the promised date."
        ),
        SHARE,
    ),
    Indicator(
        "median_delay",
        _("Median delay to the report"),
        _("Median number of days from the start of participation to the publication of the report."),
        DAYS,
    ),
    Indicator(
        "labels",
        _("Labels awarded"),
        _("Citizen labels awarded to official documents stemming from these consultations, still active."),
    ),
]
INDICATORS_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


@dataclass
class PhaseSpan:
    """What derive_status needs from the phases, rebuilt from the grouped query's minimum and maximum dates."""

    start_date: datetime.date
    end_date: datetime.date
    is_participation: bool


@dataclass
class Tag:
    slug: str
    name: str


@dataclass
class ConsultationRecord:
    page: object
    launch_date: datetime.date | None
    status: statuses.Status
    answer_due_date: datetime.date | None
    report_published_on: datetime.date | None
    participants_online: int
    participants_in_person: int
    contributions: int
    responses: int
    responses_kept_or_adapted: int
    events_held: int
    events_held_in_person: int
    labels: int
    theme_tags: list = field(default_factory=list)
    territory_list: list = field(default_factory=list)
    commitment_keys: list = field(default_factory=list)

    @property
    def year(self):
        return self.launch_date.year if self.launch_date else None

    @property
    def has_report(self):
        return self.report_published_on is not None

    @property
    def accountability(self):
        """ "on_time", "late" or None (not yet measurable: the promised date is still ahead and no report)."""
        today = timezone.localdate()
        if self.report_published_on:
            if self.answer_due_date is None or self.report_published_on <= self.answer_due_date:
                return "on_time"
            return "late"
        if self.answer_due_date and self.answer_due_date < today:
            return "late"
        return None

    @property
    def delay_days(self):
        if self.report_published_on and self.launch_date:
            return (self.report_published_on - self.launch_date).days
        return None


def _count(queryset, outer, *, filter=None, column="pk"):  # noqa: A002
    rows = queryset.filter(filter or Q()).order_by().values(outer).annotate(value=Count(column)).values("value")
    return Coalesce(Subquery(rows[:1], output_field=IntegerField()), Value(0))


def _sum(queryset, outer, column, *, filter=None):  # noqa: A002
    rows = queryset.filter(filter or Q()).order_by().values(outer).annotate(value=Sum(column)).values("value")
    return Coalesce(Subquery(rows[:1], output_field=IntegerField()), Value(0))


def _phase_date(aggregate, column, participation=False):
    from consultations.models import ConsultationPhase

    phases = ConsultationPhase.objects.filter(page=OuterRef("pk"))
    if participation:
        phases = phases.filter(is_participation=True)
    rows = phases.order_by().values("page").annotate(value=aggregate(column)).values("value")
    return Subquery(rows[:1], output_field=DateField())


def load_records(locale=None, commitment_key=None):
    """Every live, public consultation of `locale` with its figures, in four queries whatever their number: the
    figures are annotated by subqueries, themes, territories and commitments are prefetched."""
    from charter_pages.models import Commitment
    from consultations.models import (
        ConsultationEvent,
        ConsultationPage,
        ConsultationReportPage,
        LabelAward,
        OnlineParticipation,
        Territory,
    )
    from consultations.models.report import ReportResponse

    now = timezone.now()
    reports = ConsultationReportPage.objects.live().filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    responses = ReportResponse.objects.filter(
        page__path__startswith=OuterRef("path"), page__depth=OuterRef("depth") + 1, page__live=True
    )
    events = ConsultationEvent.objects.filter(page=OuterRef("pk"))
    held = Q(end__lt=now)
    in_person = Q(format__in=[ConsultationEvent.IN_PERSON, ConsultationEvent.HYBRID])
    pages = (
        public_pages(ConsultationPage.objects.live())
        .filter(locale__language_code=locale.language_code if locale else settings.LANGUAGE_CODE)
        .annotate(
            participation_start=_phase_date(Min, "start_date", participation=True),
            participation_end=_phase_date(Max, "end_date", participation=True),
            first_start=_phase_date(Min, "start_date"),
            last_end=_phase_date(Max, "end_date"),
            report_published_at=Subquery(reports.values("first_published_at")[:1]),
            report_participants_online=Subquery(reports.values("participants_online")[:1]),
            report_participants_in_person=Subquery(reports.values("participants_in_person")[:1]),
            report_contributions_online=Subquery(reports.values("contributions_online")[:1]),
            report_contributions_in_person=Subquery(reports.values("contributions_in_person")[:1]),
            response_count=_count(responses, "page"),
            kept_or_adapted=_count(responses, "page", filter=Q(decision__in=["kept", "adapted"])),
            events_held=_count(events, "page", filter=held),
            events_held_in_person=_count(events, "page", filter=held & in_person),
            event_attendees=_sum(events, "page", "attendees", filter=in_person),
            event_contributions=_sum(events, "page", "contributions_count"),
            online_proposals=Subquery(
                OnlineParticipation.objects.filter(consultation=OuterRef("pk")).values("proposals")[:1]
            ),
            online_comments=Subquery(
                OnlineParticipation.objects.filter(consultation=OuterRef("pk")).values("comments")[:1]
            ),
            label_count=_count(
                LabelAward.objects.filter(consultation=OuterRef("pk"), status=LabelAward.ACTIVE), "consultation"
            ),
        )
        .filter(**({"commitments__translation_key": commitment_key} if commitment_key else {}))
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id", "answer_due_date", "translation_key")
        # Three small prefetches rather than array aggregates, which only PostgreSQL has (make run uses SQLite).
        .prefetch_related(
            Prefetch("tagged_items", queryset=ConsultationPage.themes.through.objects.select_related("tag")),
            Prefetch("territories", queryset=Territory.objects.only("id", "slug", "name")),
            Prefetch("commitments", queryset=Commitment.objects.only("id", "translation_key")),
        )
    )
    return [build_record(page) for page in pages]


def build_record(page):
    if page.participation_start:
        spans = [PhaseSpan(page.participation_start, page.participation_end, True)]
    elif page.first_start:
        spans = [PhaseSpan(page.first_start, page.last_end, False)]
    else:
        spans = []
    published = timezone.localdate(page.report_published_at) if page.report_published_at else None
    status = statuses.derive_status(spans, page.answer_due_date, published is not None, timezone.localdate())
    if published:
        participants_online = page.report_participants_online or 0
        participants_in_person = page.report_participants_in_person or 0
        contributions = (page.report_contributions_online or 0) + (page.report_contributions_in_person or 0)
    else:
        participants_online = 0
        participants_in_person = page.event_attendees
        contributions = page.event_contributions + (page.online_proposals or 0) + (page.online_comments or 0)
    return ConsultationRecord(
        page=page,
        launch_date=page.first_start,
        status=status,
        answer_due_date=page.answer_due_date,
        report_published_on=published,
        participants_online=participants_online,
        participants_in_person=participants_in_person,
        contributions=contributions,
        responses=page.response_count if published else 0,
        responses_kept_or_adapted=page.kept_or_adapted if published else 0,
        events_held=page.events_held,
        events_held_in_person=page.events_held_in_person,
        labels=page.label_count,
        theme_tags=sorted(
            (Tag(item.tag.slug, item.tag.name) for item in page.tagged_items.all()), key=lambda tag: tag.name
        ),
        territory_list=sorted(
            (Tag(territory.slug, territory.name) for territory in page.territories.all()), key=lambda tag: tag.name
        ),
        commitment_keys=[str(commitment.translation_key) for commitment in page.commitments.all()],
    )


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to measure."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def summarise(records):
    """{indicator key: value} for a set of consultation records, plus the counts by status."""
    contributions = sum(record.contributions for record in records)
    answered = sum(record.contributions for record in records if record.has_report)
    responses = sum(record.responses for record in records)
    kept = sum(record.responses_kept_or_adapted for record in records)
    held = sum(record.events_held for record in records)
    held_in_person = sum(record.events_held_in_person for record in records)
    measured = [record for record in records if record.accountability]
    on_time = [record for record in measured if record.accountability == "on_time"]
    delays = [record.delay_days for record in records if record.delay_days is not None]
    return {
        "consultations": len(records),
        "participants_online": sum(record.participants_online for record in records),
        "participants_in_person": sum(record.participants_in_person for record in records),
        "contributions": contributions,
        "answered_share": share(answered, contributions),
        "influence_share": share(kept, responses),
        "in_person_share": share(held_in_person, held),
        "on_time_share": share(len(on_time), len(measured)),
        "median_delay": statistics.median(delays) if delays else None,
        "labels": sum(record.labels for record in records),
    }


def status_counts(records):
    counts = dict.fromkeys(statuses.FILTER_CHOICES, 0)
    for record in records:
        counts[record.status.code] += 1
    return [{"code": code, "label": statuses.LABELS[code], "count": counts[code]} for code in statuses.FILTER_CHOICES]


def group_by(records, kind):
    """[(group label, records)] by "year" (of launch), "theme" or "territory"; a consultation with two themes
    counts in both."""
    groups = {}
    for record in records:
        if kind == "year":
            keys = [(record.year, str(record.year))] if record.year else []
        elif kind == "theme":
            keys = [(tag.slug, tag.name) for tag in record.theme_tags]
        else:
            keys = [(tag.slug, tag.name) for tag in record.territory_list]
        for key, label in keys:
            groups.setdefault(key, (label, []))[1].append(record)
    ordered = sorted(groups.items(), key=lambda item: item[0], reverse=(kind == "year"))
    if kind != "year":
        ordered = sorted(groups.items(), key=lambda item: item[1][0].lower())
    return [(label, members) for _key, (label, members) in ordered]


def commitment_rows(records, commitments):
    """For each charter commitment: the consultations that applied it and whether their reports came on time."""
    rows = []
    for commitment in commitments:
        applying = [record for record in records if str(commitment.translation_key) in record.commitment_keys]
        on_time = [record for record in applying if record.accountability == "on_time"]
        late = [record for record in applying if record.accountability == "late"]
        pending = [record for record in applying if record.accountability is None]
        if late:
            verdict, verdict_label = "broken", _("Not kept")
        elif on_time:
            verdict, verdict_label = "kept", _("Kept")
        else:
            verdict, verdict_label = "unknown", _("Not measurable yet")
        rows.append(
            {
                "commitment": commitment,
                "consultations": applying,
                "on_time": len(on_time),
                "late": len(late),
                "pending": len(pending),
                "verdict": verdict,
                "verdict_label": verdict_label,
            }
        )
    return rows


class Dashboard:
    """The indicators of one language's consultations, narrowed by the filters."""

    def __init__(self, records, commitments=()):
        self.records = records
        self.commitments = list(commitments)

    @cached_property
    def summary(self):
        return summarise(self.records)

    def indicator_cards(self):
        return [{"indicator": indicator, "value": self.summary[indicator.key]} for indicator in INDICATORS]

    def breakdown(self, kind):
        return [{"label": label, "values": summarise(members)} for label, members in group_by(self.records, kind)]

    def consultation_rows(self):
        return [
            {"record": record, "label": record.page.title, "values": summarise([record])}
            for record in sorted(self.records, key=lambda record: record.launch_date or datetime.date.min, reverse=True)
        ]

    def commitments_table(self):
        return commitment_rows(self.records, self.commitments)


def commitment_indicator(commitment):
    """The live indicator of one charter commitment: the same counts as the dashboard's row, in one query, kept in
    the cache until the next change to published content (the site's cache generation, read once per request)."""

    def build():
        row = commitment_rows(load_records(commitment_key=commitment.translation_key), [commitment])[0]
        counts = {name: row[name] for name in ("on_time", "late", "pending", "verdict")}
        counts["applied"] = len(row["consultations"])
        return counts

    counts = remember(f"commitment-indicator:{commitment.translation_key}", build)
    labels = {"broken": _("Not kept"), "kept": _("Kept"), "unknown": _("Not measurable yet")}
    return {**counts, "verdict_label": labels[counts["verdict"]]}

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
    Exists,
    IntegerField,
    OuterRef,
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
# How long computed figures may be kept when no content changes: "events held" moves with the clock.
CLOCK_SECONDS = 600


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
class Tag:
    slug: str
    name: str


PAGE_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "locale_id", "translation_key")


@dataclass
class ConsultationRecord:
    page_fields: dict  # PAGE_FIELDS of the consultation page, in the language shown
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
    today: datetime.date = field(default_factory=timezone.localdate)
    theme_tags: list = field(default_factory=list)
    territory_list: list = field(default_factory=list)
    commitment_keys: list = field(default_factory=list)

    @cached_property
    def page(self):
        """A page instance for links, built only for the records a page shows (thousands of Wagtail page
        instances cost more than computing every indicator)."""
        from consultations.models import ConsultationPage

        return ConsultationPage(**self.page_fields)

    @property
    def title(self):
        return self.page_fields["title"]

    def show_in(self, page_fields):
        """Show this record under the title and address of its translation."""
        self.page_fields = page_fields
        self.__dict__.pop("page", None)

    @cached_property
    def theme_slugs(self):
        return {tag.slug for tag in self.theme_tags}

    @cached_property
    def territory_slugs(self):
        return {tag.slug for tag in self.territory_list}

    @property
    def year(self):
        return self.launch_date.year if self.launch_date else None

    @property
    def has_report(self):
        return self.report_published_on is not None

    @cached_property
    def accountability(self):
        """ "on_time", "late" or None (not yet measurable: the promised date is still ahead and no report)."""
        today = self.today
        if self.report_published_on:
            if self.answer_due_date is None or self.report_published_on <= self.answer_due_date:
                return "on_time"
            return "late"
        if self.answer_due_date and self.answer_due_date < today:
            return "late"
        return None

    @cached_property
    def delay_days(self):
        if self.report_published_on and self.launch_date:
            return (self.report_published_on - self.launch_date).days
        return None


def load_records(locale=None, commitment_key=None):
    """Every live, public consultation, once (in `locale`, the site's language by default, where it exists),
    with its figures, in seven queries whatever their number: the
    pages with their status, then one grouped query per kind of record (events, reports with their responses,
    themes, territories, commitments), joined here by key. Correlated subqueries per consultation cost a quarter
    of a second at 2,000 consultations; model instances and prefetching cost more than all the queries."""
    from consultations.decidim.models import OnlineParticipation
    from consultations.label.models import LabelAward
    from consultations.models import ConsultationEvent, ConsultationPage, ConsultationTag
    from consultations.models.report import ReportResponse

    now = timezone.now()
    today = timezone.localdate()
    primary = Q(locale__language_code=locale.language_code if locale else settings.LANGUAGE_CODE)
    published = public_pages(ConsultationPage.objects.live())
    # Each consultation once: its version in the primary language, or else its version in the first language
    # it was published in (one written in English only still counts).
    other_version = published.filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
    selected = published.filter(
        primary | ~Exists(other_version.filter(primary | Q(locale_id__lt=OuterRef("locale_id"))))
    )
    if commitment_key:
        selected = selected.filter(commitments__translation_key=commitment_key)
    ids = selected.values("pk")
    online = OnlineParticipation.objects.filter(consultation=OuterRef("pk"))
    # Active awards, each counted once: an award has one row per language (same translation key), and its rows may
    # point at the consultation in any of its languages (matched by translation key).
    labels = (
        LabelAward.objects.filter(consultation__translation_key=OuterRef("translation_key"), status=LabelAward.ACTIVE)
        .order_by()
        .values("consultation__translation_key")
        .annotate(value=Count("translation_key", distinct=True))
        .values("value")
    )
    rows = (
        statuses.annotate_status(selected, today)
        .annotate(
            online_proposals=Subquery(online.values("proposals")[:1]),
            online_comments=Subquery(online.values("comments")[:1]),
            label_count=Coalesce(Subquery(labels[:1], output_field=IntegerField()), Value(0)),
        )
        .values(
            *PAGE_FIELDS,
            "answer_due_date",
            "launch_on",
            "status_code",
            "online_proposals",
            "online_comments",
            "label_count",
        )
    )
    in_person = Q(format__in=[ConsultationEvent.IN_PERSON, ConsultationEvent.HYBRID])
    events = {
        row.pop("page"): row
        for row in ConsultationEvent.objects.filter(page__in=ids)
        .order_by()
        .values("page")
        .annotate(
            held=Count("pk", filter=Q(end__lt=now)),
            held_in_person=Count("pk", filter=Q(end__lt=now) & in_person),
            attendees=Coalesce(Sum("attendees", filter=in_person), 0),
            contributions=Coalesce(Sum("contributions_count"), 0),
        )
    }
    # A report's parent is the consultation whose path is its own minus the last step (4 characters).
    responses = ReportResponse.objects.filter(page=OuterRef("pk")).order_by().values("page")
    reports = {
        row.pop("path")[:-4]: row
        for row in statuses.published_reports()
        .annotate(
            response_count=_subquery_count(responses),
            kept_or_adapted=_subquery_count(responses.filter(decision__in=["kept", "adapted"])),
        )
        .values(
            "path",
            "first_published_at",
            "participants_online",
            "participants_in_person",
            "contributions_online",
            "contributions_in_person",
            "response_count",
            "kept_or_adapted",
        )
    }
    themes = _grouped(
        ConsultationTag.objects.filter(content_object__in=ids).values_list("content_object", "tag__slug", "tag__name")
    )
    territories = _grouped(
        ConsultationPage.territories.through.objects.filter(consultationpage__in=ids).values_list(
            "consultationpage", "territory__slug", "territory__name"
        )
    )
    commitments = _grouped(
        ConsultationPage.commitments.through.objects.filter(consultationpage__in=ids).values_list(
            "consultationpage", "commitment__translation_key"
        )
    )
    return [
        build_record(
            row,
            today,
            events.get(row["id"], NO_EVENTS),
            reports.get(row["path"]),
            theme_tags=sorted((Tag(slug, name) for slug, name in themes.get(row["id"], ())), key=lambda tag: tag.name),
            territory_list=sorted(
                (Tag(slug, name) for slug, name in territories.get(row["id"], ())), key=lambda tag: tag.name
            ),
            commitment_keys=[str(key) for (key,) in commitments.get(row["id"], ())],
        )
        for row in rows
    ]


NO_EVENTS = {"held": 0, "held_in_person": 0, "attendees": 0, "contributions": 0}


def _subquery_count(rows):
    counted = rows.annotate(value=Count("pk")).values("value")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def _grouped(rows):
    """{first column: [the other columns]} from (key, ...) rows."""
    grouped = {}
    for key, *values in rows:
        grouped.setdefault(key, []).append(tuple(values))
    return grouped


def build_record(row, today, events, report, **lists):
    """A record from one page row of load_records, its events' figures and its report's (None without one)."""
    published = timezone.localdate(report["first_published_at"]) if report else None
    if report:
        participants_online = report["participants_online"] or 0
        participants_in_person = report["participants_in_person"] or 0
        contributions = (report["contributions_online"] or 0) + (report["contributions_in_person"] or 0)
    else:
        participants_online = 0
        participants_in_person = events["attendees"]
        contributions = events["contributions"] + (row["online_proposals"] or 0) + (row["online_comments"] or 0)
    return ConsultationRecord(
        page_fields={name: row[name] for name in PAGE_FIELDS},
        launch_date=row["launch_on"],
        status=statuses.Status(row["status_code"]),
        answer_due_date=row["answer_due_date"],
        report_published_on=published,
        participants_online=participants_online,
        participants_in_person=participants_in_person,
        contributions=contributions,
        responses=report["response_count"] if report else 0,
        responses_kept_or_adapted=report["kept_or_adapted"] if report else 0,
        events_held=events["held"],
        events_held_in_person=events["held_in_person"],
        labels=row["label_count"],
        today=today,
        **lists,
    )


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to measure."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def summarise(records):
    """{indicator key: value} for a set of consultation records (one pass: the dashboard summarises thousands of
    records once per group)."""
    participants_online = participants_in_person = contributions = answered = 0
    responses = kept = held = held_in_person = labels = measured = on_time = 0
    delays = []
    for record in records:
        participants_online += record.participants_online
        participants_in_person += record.participants_in_person
        contributions += record.contributions
        if record.report_published_on is not None:
            answered += record.contributions
        responses += record.responses
        kept += record.responses_kept_or_adapted
        held += record.events_held
        held_in_person += record.events_held_in_person
        labels += record.labels
        accountability = record.accountability
        if accountability:
            measured += 1
            on_time += accountability == "on_time"
        delay = record.delay_days
        if delay is not None:
            delays.append(delay)
    return {
        "consultations": len(records),
        "participants_online": participants_online,
        "participants_in_person": participants_in_person,
        "contributions": contributions,
        "answered_share": share(answered, contributions),
        "influence_share": share(kept, responses),
        "in_person_share": share(held_in_person, held),
        "on_time_share": share(on_time, measured),
        "median_delay": statistics.median(delays) if delays else None,
        "labels": labels,
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
    if kind == "year":
        ordered = sorted(groups.items(), key=lambda item: item[0], reverse=True)
    else:
        ordered = sorted(groups.items(), key=lambda item: item[1][0].lower())
    return [(label, members) for _key, (label, members) in ordered]


def commitment_rows(records, commitments):
    """For each charter commitment: the consultations that applied it and whether their reports came on time."""
    by_key = {}
    for record in sorted(records, key=lambda record: record.launch_date or datetime.date.min, reverse=True):
        for key in record.commitment_keys:
            by_key.setdefault(key, []).append(record)
    rows = []
    for commitment in commitments:
        applying = by_key.get(str(commitment.translation_key), [])
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

    @cached_property
    def newest_first(self):
        return sorted(self.records, key=lambda record: record.launch_date or datetime.date.min, reverse=True)

    def consultation_rows(self, records=None):
        """One row per consultation: of `records` (one page of them on the dashboard), or all, newest first."""
        return [
            {"record": record, "label": record.title, "values": summarise([record])}
            for record in (self.newest_first if records is None else records)
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

    counts = remember(
        f"commitment-indicator:{commitment.translation_key}",
        build,
        seconds=CLOCK_SECONDS,
        variant=timezone.localdate().isoformat(),
    )
    labels = {"broken": _("Not kept"), "kept": _("Kept"), "unknown": _("Not measurable yet")}
    return {**counts, "verdict_label": labels[counts["verdict"]]}

"""The open-data resources: for each file, its Table Schema (names, types, constraints, keys: what docs/open-data.md
documents and a validator checks) and the rows, read from the same records and rules as the public pages.

Only live, public records, as the pages show them: consultations as the dashboard loads them (indicators.loading,
so the figures are the dashboard's), contributions of consultations whose report is published (the report is where
the pages show them), never a name or a contact. Identifiers are the records' translation keys: the same in every
language's package, so that files of two languages join. Column names are stable: add columns, never rename.

Longer than a module usually is here, on purpose: the eight schemas are declared as data beside the functions that
fill their rows, so that a column's name, type and meaning and the value it gets are read in one place."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from charter_pages import rules
from charter_pages.models import CharterPage, Commitment
from consultations.indicators.aggregation import Dashboard
from consultations.indicators.commitments import measure_all
from consultations.indicators.definitions import INDICATORS
from consultations.indicators.loading import load_records
from consultations.label.models import LabelAward
from consultations.models import ConsultationEvent, ConsultationPage, ConsultationPhase, ConsultationReportPage
from consultations.models.contribution import Contribution
from site_core.public_address import absolute_url
from site_core.site_data import public_pages
from site_core.translation import pick_version

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple = ()
    unique: bool = False

    def descriptor(self):
        column = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "datetime":
            column["format"] = "%Y-%m-%dT%H:%M:%SZ"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            column["constraints"] = constraints
        return column


@dataclass(frozen=True)
class Resource:
    name: str  # the file's name without extension, and the resource's name in datapackage.json
    title: str
    description: str
    columns: tuple
    primary_key: str
    foreign_keys: tuple = ()  # (column, resource, its column)

    def schema(self):
        return {
            "fields": [column.descriptor() for column in self.columns],
            "primaryKey": [self.primary_key],
            "foreignKeys": [
                {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
                for column, resource, target in self.foreign_keys
            ],
            "missingValues": [""],
        }


@dataclass
class Records:
    """What the rows are read from, in one language, loaded once for every file."""

    locale: object
    consultations: list = field(default_factory=list)  # indicators.loading.ConsultationRecord
    by_key: dict = field(default_factory=dict)

    @classmethod
    def load(cls, locale):
        records = load_records(locale)
        return cls(locale=locale, consultations=records, by_key={record.key: record for record in records})


def codes(choices):
    """The stored codes of a model's choices, as a column's allowed values."""
    return tuple(code for code, _label in choices)


def ids(values):
    return LIST_SEPARATOR.join(sorted(str(value) for value in values))


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


CONSULTATION_ID = Column("consultation_id", "string", "The consultation's id (consultations.csv).", required=True)

COMMITMENTS = Resource(
    "commitments",
    _("Charter commitments"),
    _("The participation charter's commitments, each with its rule and whether it is kept today."),
    (
        Column("id", "string", "Stable id (the same in every language).", required=True, unique=True),
        Column("number", "integer", "The commitment's number in the charter.", required=True),
        Column("chapter", "string", "The chapter it belongs to."),
        Column("title", "string", "The commitment, in plain words.", required=True),
        Column("promise", "string", "What the authority promises."),
        Column("rule", "string", "The code of the rule that checks it, empty when it is not measured automatically."),
        Column("threshold", "integer", "The rule's threshold (a share in %, or a number of days)."),
        Column(
            "verdict",
            "string",
            "Whether it is kept today, by its rule, over the consultations that apply it.",
            required=True,
            enum=(rules.KEPT, rules.NOT_KEPT, rules.NOT_YET, rules.NOT_MEASURED),
        ),
        Column("passed", "integer", "Consultations that meet the rule."),
        Column("counted", "integer", "Consultations the rule could judge."),
        Column("applied", "integer", "Consultations that apply the commitment."),
        Column("url", "string", "The commitment's page."),
    ),
    "id",
)

CONSULTATIONS = Resource(
    "consultations",
    _("Consultations"),
    _(
        "Every published consultation, with its dates, status, announced impact and figures as the dashboard "
        "counts them."
    ),
    (
        Column("id", "string", "Stable id (the same in every language).", required=True, unique=True),
        Column("title", "string", "Its title.", required=True),
        Column("language", "string", "The language of its title and texts.", required=True),
        Column("url", "string", "Its page.", required=True),
        Column("status", "string", "Its status today.", required=True),
        Column("announced_on", "date", "The day it was announced."),
        Column("launch_date", "date", "The day participation opened."),
        Column("answer_due_date", "date", "The day by which the answer is promised."),
        Column("report_published_on", "date", "The day its report was published."),
        Column("report_partial", "boolean", "Whether the report came out before every contribution had a decision."),
        Column("decision_maker", "string", "Who decides."),
        Column("service_in_charge", "string", "The department in charge."),
        Column("impact_decision", "string", "Announced impact: what will be decided, and by whom."),
        Column("impact_open", "string", "Announced impact: what is open to discussion."),
        Column("impact_closed", "string", "Announced impact: what is not open to discussion."),
        Column("impact_use", "string", "Announced impact: how contributions will be used."),
        Column("themes", "string", "Its themes (slugs), separated by “;”."),
        Column("territories", "string", "Its territories (slugs), separated by “;”."),
        Column("commitments", "string", "The charter commitments it applies (ids in commitments.csv), by “;”."),
        Column("participants_online", "integer", "Participants online."),
        Column("participants_in_person", "integer", "Participants in person."),
        Column("contributions", "integer", "Contributions, as the dashboard counts them."),
        Column("answered", "integer", "Contributions with a final decision."),
        Column("kept_or_adapted", "integer", "Contributions kept or adapted."),
        Column("events_held", "integer", "Events held."),
        Column("labels", "integer", "Documents awarded the citizen label."),
    ),
    "id",
)

PHASES = Resource(
    "phases",
    _("Phases"),
    _("The phases of each consultation."),
    (
        Column("id", "string", "Stable id.", required=True, unique=True),
        CONSULTATION_ID,
        Column("title", "string", "The phase.", required=True),
        Column("start_date", "date", "First day.", required=True),
        Column("end_date", "date", "Last day.", required=True),
        Column("participation", "boolean", "Whether people can take part during it.", required=True),
    ),
    "id",
    (("consultation_id", "consultations", "id"),),
)

EVENTS = Resource(
    "events",
    _("Consultation events"),
    _("The meetings, workshops and sessions of each consultation, with their place, access and attendance."),
    (
        Column("id", "string", "Stable id.", required=True, unique=True),
        CONSULTATION_ID,
        Column("title", "string", "The event.", required=True),
        Column("kind", "string", "Its kind.", required=True, enum=codes(ConsultationEvent.KINDS)),
        Column("format", "string", "In person, online or both.", enum=codes(ConsultationEvent.FORMATS)),
        Column("start", "datetime", "When it starts (UTC).", required=True),
        Column("end", "datetime", "When it ends (UTC).", required=True),
        Column("cancelled", "boolean", "Whether it was cancelled.", required=True),
        Column("place_name", "string", "Where."),
        Column("address", "string", "The address."),
        Column("step_free_access", "boolean", "Step-free access."),
        Column("hearing_loop", "boolean", "Hearing loop."),
        Column("sign_language", "boolean", "Sign-language interpretation."),
        Column("capacity", "integer", "Places."),
        Column("attendees", "integer", "People who came, from the minutes."),
        Column("contributions_count", "integer", "Contributions gathered, from the minutes."),
    ),
    "id",
    (("consultation_id", "consultations", "id"),),
)

CONTRIBUTIONS = Resource(
    "contributions",
    _("Contributions and their answers"),
    _(
        "Every contribution of a consultation whose report is published, with its decision and the reason, as "
        "the report shows it. No author's name or contact."
    ),
    (
        Column("reference", "string", "The reference the author was given and the report shows.", required=True),
        CONSULTATION_ID,
        Column("channel", "string", "How it came.", required=True, enum=codes(Contribution.CHANNELS)),
        Column("event_id", "string", "The event where it was made (events.csv), if any."),
        Column("submitted_on", "date", "The day it was made.", required=True),
        Column("title", "string", "Its title.", required=True),
        Column("text", "string", "The contribution, or a faithful summary of it.", required=True),
        Column("is_summary", "boolean", "Whether the text is a summary."),
        Column("theme", "string", "Its theme (slug)."),
        Column("decidim_url", "string", "Its address on the online platform."),
        Column("decision", "string", "The decision.", enum=codes(Contribution.DECISIONS)),
        Column("reason", "string", "Why: the reason given, or the shared answer it refers to."),
        Column("shared_answer", "string", "The title of the shared answer, if any."),
        Column("answered_on", "date", "The day it was answered."),
    ),
    "reference",
    (("consultation_id", "consultations", "id"), ("event_id", "events", "id")),
)

REPORTS = Resource(
    "reports",
    _("Standard reports"),
    _("The standard report of each consultation that published one."),
    (
        Column("id", "string", "Stable id.", required=True, unique=True),
        CONSULTATION_ID,
        Column("title", "string", "Its title.", required=True),
        Column("url", "string", "Its page.", required=True),
        Column("published_on", "date", "The day it was published.", required=True),
        Column("partial", "boolean", "Published before every contribution had a decision.", required=True),
        Column("contributions", "integer", "Contributions counted."),
        Column("answered", "integer", "Contributions with a final decision."),
        Column("kept_or_adapted", "integer", "Contributions kept or adapted."),
        Column("participants_online", "integer", "Participants online."),
        Column("participants_in_person", "integer", "Participants in person."),
    ),
    "id",
    (("consultation_id", "consultations", "id"),),
)

LABEL_AWARDS = Resource(
    "label_awards",
    _("Citizen label awards"),
    _("Each official document awarded the citizen label, its level, status, verification code and fingerprint."),
    (
        Column("id", "string", "Stable id.", required=True, unique=True),
        Column("consultation_id", "string", "The consultation it comes from (consultations.csv), if published."),
        Column("document_title", "string", "The document.", required=True),
        Column("document_kind", "string", "Its kind.", required=True),
        Column("document_reference", "string", "Its official reference."),
        Column("document_date", "date", "The day it was adopted or signed.", required=True),
        Column("document_sha256", "string", "The SHA-256 of the document's file, when one is given."),
        Column("level", "string", "The label's level.", required=True),
        Column("awarded_on", "date", "The day it was awarded.", required=True),
        Column("status", "string", "Active or withdrawn.", required=True, enum=codes(LabelAward.STATUSES)),
        Column("withdrawn_on", "date", "The day it was withdrawn."),
        Column("code", "string", "The verification code printed on the document.", required=True, unique=True),
    ),
    "id",
    (("consultation_id", "consultations", "id"),),
)

INDICATOR_ROWS = Resource(
    "indicators",
    _("Dashboard indicators"),
    _("The dashboard's indicators over every published consultation, as the dashboard shows them without filter."),
    (
        Column("key", "string", "Stable key.", required=True, unique=True),
        Column("label", "string", "The indicator.", required=True),
        Column("definition", "string", "What it measures.", required=True),
        Column("kind", "string", "A count, a share (%) or a number of days.", required=True),
        Column("value", "number", "Its value; empty when nothing can be measured yet."),
    ),
    "key",
)

RESOURCES = (COMMITMENTS, CONSULTATIONS, PHASES, EVENTS, CONTRIBUTIONS, REPORTS, LABEL_AWARDS, INDICATOR_ROWS)


def commitment_rows(records):
    charters = public_pages(CharterPage.objects.live().filter(locale=records.locale))
    commitments = list(
        Commitment.objects.filter(chapter__page__in=charters)
        .select_related("chapter", "chapter__page")
        .order_by("chapter__page__path", "number")
    )
    # Over the records already loaded, as the dashboard's commitments table measures them: the same verdicts as the
    # charter's pages, without loading the consultations a second time.
    measures = measure_all(commitments, records.consultations)
    rows = []
    page_urls = {}
    for commitment in commitments:
        measure = measures[commitment.pk]
        page = commitment.chapter.page
        if page.pk not in page_urls:
            page_urls[page.pk] = page.url
        rows.append(
            {
                "id": str(commitment.translation_key),
                "number": commitment.number,
                "chapter": commitment.chapter.title,
                "title": commitment.title,
                "promise": commitment.promise,
                "rule": commitment.measure_rule or None,
                "threshold": commitment.measure_threshold if commitment.measure_rule else None,
                "verdict": measure.verdict,
                "passed": measure.passed,
                "counted": measure.counted,
                "applied": measure.applied,
                "url": absolute_url(
                    page_urls[page.pk] + page.route_path("commitment", commitment.number, language=page.language_code)
                ),
            }
        )
    return rows


def consultation_rows(records):
    page_ids = [record.page_fields["id"] for record in records.consultations]
    texts = {
        row["id"]: row
        for row in ConsultationPage.objects.filter(pk__in=page_ids).values(
            "id",
            "locale__language_code",
            "decision_maker",
            "service_in_charge",
            "impact_decision",
            "impact_open",
            "impact_closed",
            "impact_use",
        )
    }
    rows = []
    for record in sorted(records.consultations, key=lambda item: item.key):
        text = texts[record.page_fields["id"]]
        rows.append(
            {
                "id": record.key,
                "title": record.title,
                "language": text["locale__language_code"],
                "url": absolute_url(record.page.url),
                "status": record.status.code,
                "announced_on": record.announced_on,
                "launch_date": record.launch_date,
                "answer_due_date": record.answer_due_date,
                "report_published_on": record.report_published_on,
                "report_partial": record.report_partial,
                "decision_maker": text["decision_maker"],
                "service_in_charge": text["service_in_charge"],
                "impact_decision": text["impact_decision"],
                "impact_open": text["impact_open"],
                "impact_closed": text["impact_closed"],
                "impact_use": text["impact_use"],
                "themes": ids(tag.slug for tag in record.theme_tags),
                "territories": ids(tag.slug for tag in record.territory_list),
                "commitments": ids(record.commitment_keys),
                "participants_online": record.participants_online,
                "participants_in_person": record.participants_in_person,
                "contributions": record.contributions,
                "answered": record.answered,
                "kept_or_adapted": record.kept_or_adapted,
                "events_held": record.events_held,
                "labels": record.labels,
            }
        )
    return rows


def _shown_pages(records):
    """{page id: consultation key} of the consultation versions the package shows."""
    return {record.page_fields["id"]: record.key for record in records.consultations}


def phase_rows(records):
    pages = _shown_pages(records)
    phases = ConsultationPhase.objects.filter(page_id__in=pages).order_by("page_id", "sort_order")
    return [
        {
            "id": str(phase["translation_key"]),
            "consultation_id": pages[phase["page_id"]],
            "title": phase["title"],
            "start_date": phase["start_date"],
            "end_date": phase["end_date"],
            "participation": phase["is_participation"],
        }
        for phase in phases.values("translation_key", "page_id", "title", "start_date", "end_date", "is_participation")
    ]


EVENT_FIELDS = (
    "title",
    "kind",
    "format",
    "cancelled",
    "place_name",
    "address",
    "step_free_access",
    "hearing_loop",
    "sign_language",
    "capacity",
    "attendees",
    "contributions_count",
)


def event_rows(records):
    pages = _shown_pages(records)
    events = ConsultationEvent.objects.filter(page_id__in=pages).order_by("page_id", "start", "sort_order")
    return [
        {
            "id": str(event["translation_key"]),
            "consultation_id": pages[event["page_id"]],
            **{name: event[name] for name in EVENT_FIELDS},
            "start": utc(event["start"]),
            "end": utc(event["end"]),
        }
        for event in events.values("translation_key", "page_id", "start", "end", *EVENT_FIELDS)
    ]


def reported_keys(records):
    return [record.key for record in records.consultations if record.report_published_on]


def contribution_rows(records):
    events = ConsultationEvent.objects.filter(page_id__in=_shown_pages(records))
    shown_events = {str(key) for key in events.values_list("translation_key", flat=True)}
    contributions = (
        Contribution.objects.filter(consultation__translation_key__in=reported_keys(records))
        .order_by("reference")
        .values(
            "reference",
            "channel",
            "submitted_on",
            "title",
            "body",
            "is_summary",
            "decidim_url",
            "decision",
            "reason",
            "answered_on",
            consultation_key=F("consultation__translation_key"),
            event_key=F("event__translation_key"),
            theme_slug=F("theme__slug"),
            shared_title=F("shared_answer__title"),
            shared_text=F("shared_answer__text"),
        )
    )
    rows = []
    for row in contributions:
        event = str(row["event_key"]) if row["event_key"] else None
        rows.append(
            {
                "reference": row["reference"],
                "consultation_id": str(row["consultation_key"]),
                "channel": row["channel"],
                "event_id": event if event in shown_events else None,
                "submitted_on": row["submitted_on"],
                "title": row["title"],
                "text": row["body"],
                "is_summary": row["is_summary"],
                "theme": row["theme_slug"],
                "decidim_url": row["decidim_url"] or None,
                "decision": row["decision"] or None,
                "reason": row["reason"] or row["shared_text"] or None,
                "shared_answer": row["shared_title"],
                "answered_on": row["answered_on"],
            }
        )
    return rows


def report_rows(records):
    """Each published report, in the package's language where it is translated (site_core.translation's rule)."""
    versions = ConsultationPage.objects.filter(translation_key__in=reported_keys(records)).values_list(
        "path", "translation_key"
    )
    consultation_of = {path: str(key) for path, key in versions}
    reports = public_pages(ConsultationReportPage.objects.live()).only(
        "id", "translation_key", "path", "title", "locale_id", "published_as_partial"
    )
    by_consultation = {}
    for report in reports:
        key = consultation_of.get(report.path[: -Page.steplen])
        if key in records.by_key:
            by_consultation.setdefault(key, []).append(report)
    chosen = {key: pick_version(versions, records.locale).record for key, versions in by_consultation.items()}
    # Addresses from base pages: the report pages' own URL building reads each page's locale again, one query a row.
    urls = {page.pk: page.url for page in Page.objects.filter(pk__in=[report.pk for report in chosen.values()])}
    rows = []
    for key, report in sorted(chosen.items()):
        record = records.by_key[key]
        rows.append(
            {
                "id": str(report.translation_key),
                "consultation_id": key,
                "title": report.title,
                "url": absolute_url(urls[report.pk]),
                "published_on": record.report_published_on,
                "partial": report.published_as_partial,
                "contributions": record.contributions,
                "answered": record.answered,
                "kept_or_adapted": record.kept_or_adapted,
                "participants_online": record.participants_online,
                "participants_in_person": record.participants_in_person,
            }
        )
    return rows


def label_award_rows(records):
    """Each award once, in the package's language where it is translated (site_core.translation's rule)."""
    awards = LabelAward.objects.for_locale(records.locale.pk).select_related("level", "consultation")
    by_key = {}
    for award in awards:
        by_key.setdefault(str(award.translation_key), []).append(award)
    shown = set(records.by_key)
    rows = []
    for key, versions in sorted(by_key.items()):
        award = pick_version(versions, records.locale).record
        consultation = str(award.consultation.translation_key) if award.consultation_id else None
        rows.append(
            {
                "id": key,
                "consultation_id": consultation if consultation in shown else None,
                "document_title": award.document_title,
                "document_kind": award.document_kind,
                "document_reference": award.document_reference or None,
                "document_date": award.document_date,
                "document_sha256": award.document_sha256 or None,
                "level": award.level.name,
                "awarded_on": award.awarded_on,
                "status": award.status,
                "withdrawn_on": award.withdrawn_on,
                "code": award.code,
            }
        )
    return rows


def indicator_rows(records):
    summary = Dashboard(records.consultations).summary
    rows = []
    for indicator in INDICATORS:
        value = summary[indicator.key]
        rows.append(
            {
                "key": indicator.key,
                "label": str(indicator.label),
                "definition": str(indicator.definition),
                "kind": indicator.kind,
                "value": value,
            }
        )
    return rows


ROWS = {
    "commitments": commitment_rows,
    "consultations": consultation_rows,
    "phases": phase_rows,
    "events": event_rows,
    "contributions": contribution_rows,
    "reports": report_rows,
    "label_awards": label_award_rows,
    "indicators": indicator_rows,
}

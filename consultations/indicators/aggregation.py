"""The indicators computed from loaded records: `summarise` turns any set of records into the indicators, `group_by`
aggregates by year, theme or territory, `commitment_rows` measures the charter's commitments; the Dashboard and a
commitment's live indicator are built from them."""

import datetime
import statistics

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from consultations import status as statuses
from consultations.indicators.definitions import CLOCK_SECONDS, INDICATORS
from consultations.indicators.loading import load_records
from site_core.site_data import remember


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to measure."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def summarise(records):
    """{indicator key: value} for a set of consultation records (one pass: the dashboard summarises thousands of
    records once per group)."""
    participants_online = participants_in_person = contributions = answered = 0
    kept = held = held_in_person = labels = measured = on_time = partial = 0
    delays = []
    for record in records:
        participants_online += record.participants_online
        participants_in_person += record.participants_in_person
        contributions += record.contributions
        answered += record.answered
        kept += record.kept_or_adapted
        partial += record.report_partial
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
        "influence_share": share(kept, answered),
        "in_person_share": share(held_in_person, held),
        "on_time_share": share(on_time, measured),
        "median_delay": statistics.median(delays) if delays else None,
        "labels": labels,
        "partial_reports": partial,
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

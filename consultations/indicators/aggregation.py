"""The indicators computed from loaded records: `summarise` turns any set of records into the indicators, `group_by`
aggregates by year, theme or territory; the Dashboard is built from them, and the charter's commitments are
measured by commitments.measure_all (here for the charter's hook, in the Dashboard for its table)."""

import datetime
import hashlib
import statistics
from dataclasses import astuple

from django.utils import timezone
from django.utils.functional import cached_property

from charter_pages import rules
from consultations import status as statuses
from consultations.indicators.commitments import answered_contributions, measure_all
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
        answered_here, received = answered_contributions(record)
        contributions += received
        answered += answered_here
        kept += record.kept_or_adapted
        partial += record.report_partial
        held += record.events_held
        held_in_person += record.events_held_in_person
        labels += record.labels
        timeliness = record.timeliness
        if timeliness.is_measured:
            measured += 1
            on_time += timeliness.is_on_time
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
    """[(group key, group label, its language code or "", records)] by "year" (of launch), "theme" or "territory"; a
    consultation with two themes counts in both. A theme is written on each version of a consultation: in another
    language than the dashboard's when only consultations shown in their original language carry it (their
    `lang`); a territory says its own."""
    groups = {}
    for record in records:
        if kind == "year":
            keys = [(record.year, str(record.year), "")] if record.year else []
        elif kind == "theme":
            keys = [(tag.slug, tag.name, record.lang) for tag in record.theme_tags]
        else:
            keys = [(tag.slug, tag.name, tag.lang) for tag in record.territory_list]
        for key, label, lang in keys:
            group = groups.setdefault(key, [label, lang, []])
            group[1] = group[1] and lang  # in the dashboard's language as soon as one of them is
            group[2].append(record)
    if kind == "year":
        ordered = sorted(groups.items(), key=lambda item: item[0], reverse=True)
    else:
        ordered = sorted(groups.items(), key=lambda item: item[1][0].lower())
    return [(key, label, lang, members) for key, (label, lang, members) in ordered]


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
        return [
            {"label": label, "lang": lang, "values": summarise(members)}
            for _key, label, lang, members in group_by(self.records, kind)
        ]

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
        """Each commitment with its Measure over the selected consultations (commitments.measure_all)."""
        measures = measure_all(self.commitments, self.records)
        applying = {}
        for record in self.newest_first:
            for key in record.commitment_keys:
                applying.setdefault(key, []).append(record)
        return [
            {
                "commitment": commitment,
                "measure": measures[commitment.pk],
                "consultations": applying.get(str(commitment.translation_key), []),
            }
            for commitment in self.commitments
        ]


def measures_for_charter(commitments):
    """The charter's COMMITMENT_MEASURES: {commitment pk: Measure} for `commitments`, over every consultation that
    applies one of them (one load_records, seven queries, whatever their number), kept in the cache until the next
    change to published content, and for ten minutes at most (the staff figure and "not due yet" follow the
    clock). Kept as plain values (site_data.remember), turned back into Measures here."""
    keys = sorted(str(commitment.translation_key) for commitment in commitments)
    # Kept by translation key (a commitment's translations share its measure), under a name that also holds each
    # rule and threshold: one language's copy cannot answer for a translation measured otherwise.
    rules_of = sorted(
        f"{commitment.translation_key}:{commitment.measure_rule}:{commitment.measure_threshold}"
        for commitment in commitments
    )

    def build():
        records = load_records(commitment_keys=keys)
        measured = measure_all(commitments, records)
        return {
            str(commitment.translation_key): [
                measured[commitment.pk].passed,
                measured[commitment.pk].counted,
                measured[commitment.pk].applied,
                [astuple(item) for item in measured[commitment.pk].checks],
            ]
            for commitment in commitments
        }

    kept = remember(
        "commitment-measures:" + hashlib.sha256(",".join(rules_of).encode()).hexdigest()[:16],
        build,
        seconds=CLOCK_SECONDS,
        variant=timezone.localdate().isoformat(),
    )
    measures = {}
    for commitment in commitments:
        passed, counted, applied, checks = kept[str(commitment.translation_key)]
        measures[commitment.pk] = rules.Measure(
            rules.rule_of(commitment),
            commitment.measure_threshold,
            passed=passed,
            counted=counted,
            applied=applied,
            checks=[rules.Check(*values) for values in checks],
        )
    return measures

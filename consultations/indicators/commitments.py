"""Each charter commitment measured by its own rule (charter_pages.rules), from the consultations' records: the one
computation behind the dashboard's table, the commitment's page (through the charter's COMMITMENT_MEASURES hook)
and the label's checks."""

from charter_pages import rules
from consultations.indicators.definitions import CLOCK_SECONDS
from site_core import figures
from site_core.site_data import remember


def answered_contributions(record):
    """(answered, received) contributions of one consultation: the one place that says what "answered" means, for the
    dashboard and the charter's "contributions answered" rule alike: a contribution record with a final decision
    (kept, adapted, not kept, out of scope; "still under study" is not yet an answer), over all its records."""
    return record.answered, record.contributions


def announced_ahead(record, threshold):
    """A consultation counts once it has an opening date; one that opened without a recorded announcement date
    breaks the promise (nobody can check it), one still to open without it is not measured yet."""
    if record.launch_date is None:
        return 0, 0, None
    if record.announced_on is None:
        return (0, 1, None) if record.launch_date <= record.today else (0, 0, None)
    days = (record.launch_date - record.announced_on).days
    return int(days >= threshold), 1, days


def impact_before_launch(record, threshold):
    """The four parts of the announced impact written, on a page first published no later than the opening."""
    if record.launch_date is None:
        return 0, 0, None
    before = record.first_published_on is not None and record.first_published_on <= record.launch_date
    return int(record.impact_filled and before), 1, None


def report_on_time(record, threshold):
    timeliness = record.timeliness
    if not timeliness.is_measured:
        return 0, 0, None
    return int(timeliness.is_on_time), 1, timeliness.days_late


def contributions_answered(record, threshold):
    """A consultation's contributions count once its answer is due (or given): those of one still open or under
    analysis before the promised date are not yet unanswered."""
    if not record.timeliness.is_measured:
        return 0, 0, None
    return (*answered_contributions(record), None)


def events_in_person(record, threshold):
    return record.events_in_person, record.events, None


def events_accessible(record, threshold):
    return record.events_in_person_with_access, record.events_in_person, None


def easy_read_summary(record, threshold):
    return int(record.easy_read), 1, None


# rule code -> fn(record, threshold) -> (passed, counted, value): one consultation's part in the rule.
PER_CONSULTATION = {
    rules.ANNOUNCED_AHEAD: announced_ahead,
    rules.IMPACT_BEFORE_LAUNCH: impact_before_launch,
    rules.REPORT_ON_TIME: report_on_time,
    rules.CONTRIBUTIONS_ANSWERED: contributions_answered,
    rules.EVENTS_IN_PERSON: events_in_person,
    rules.EVENTS_ACCESSIBLE: events_accessible,
    rules.EASY_READ_SUMMARY: easy_read_summary,
}


def check(rule, threshold, record):
    """One consultation's rules.Check for `rule`."""
    passed, counted, value = PER_CONSULTATION[rule.code](record, threshold)
    return rules.Check(key=record.key, title=record.title, passed=passed, counted=counted, value=value)


def measure(commitment, records, staff=None):
    """The rules.Measure of one commitment over `records`, the consultations that apply it; `staff` is the
    (trained, staff) figure, read only for the rule that needs it."""
    rule = rules.rule_of(commitment)
    result = rules.Measure(rule, commitment.measure_threshold, applied=len(records))
    if rule is None:
        return result
    if rule.code == rules.STAFF_TRAINED:
        result.passed, result.counted = staff or (0, 0)
        return result
    result.checks = [check(rule, commitment.measure_threshold, record) for record in records]
    result.passed = sum(item.passed for item in result.checks)
    result.counted = sum(item.counted for item in result.checks)
    return result


def measure_all(commitments, records, staff=None):
    """{commitment pk: Measure} for `commitments` over `records` (each commitment over the records that apply it,
    matched by translation key), in memory: no query per commitment nor per consultation. `staff` is a function
    giving the (trained, staff) figure, called at most once, only when a commitment needs it."""
    by_key = {}
    for record in records:
        for key in record.commitment_keys:
            by_key.setdefault(key, []).append(record)
    needs_staff = any(commitment.measure_rule == rules.STAFF_TRAINED for commitment in commitments)
    figure = (staff or staff_trained)() if needs_staff else None
    return {
        commitment.pk: measure(commitment, by_key.get(str(commitment.translation_key), []), figure)
        for commitment in commitments
    }


def staff_trained():
    """(trained, staff) from the training room, through site_core's figures (training is never imported here),
    kept ten minutes at most: training records do not move the content generation."""
    trained, staff = remember(
        "staff-trained", lambda: list(figures.figure(figures.STAFF_TRAINED) or (0, 0)), seconds=CLOCK_SECONDS
    )
    return trained, staff

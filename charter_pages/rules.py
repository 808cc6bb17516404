"""How each commitment is measured: the controlled set of computable rules an editor chooses from, their plain-words
statements, and the result a rule gives (a Measure). The charter owns the vocabulary; the computing is done where the
data lives (the consultations' indicators room, the training room) and reaches the charter through the extension
point `extensions.COMMITMENT_MEASURES`, so that the charter never imports them."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks

from . import extensions

DAYS, SHARE = "days", "share"

ANNOUNCED_AHEAD = "announced_ahead"
IMPACT_BEFORE_LAUNCH = "impact_before_launch"
REPORT_ON_TIME = "report_on_time"
CONTRIBUTIONS_ANSWERED = "contributions_answered"
EVENTS_IN_PERSON = "events_in_person"
EVENTS_ACCESSIBLE = "events_accessible"
EASY_READ_SUMMARY = "easy_read_summary"
STAFF_TRAINED = "staff_trained"

KEPT, NOT_KEPT, NOT_YET, NOT_MEASURED = "kept", "not_kept", "not_yet", "not_measured"
VERDICT_LABELS = {
    KEPT: _("Kept"),
    NOT_KEPT: _("Not kept"),
    NOT_YET: _("Not measurable yet"),
    NOT_MEASURED: _("Not measured automatically"),
}


@dataclass(frozen=True)
class Rule:
    code: str
    label: str  # the editor's choice
    unit: str  # what the threshold counts: DAYS, or SHARE (a minimum percentage)
    statement: str  # the rule in plain words, with %(threshold)s
    counted: object  # ngettext_lazy of what is counted ("%(count)s consultation"…)


RULES = [
    Rule(
        ANNOUNCED_AHEAD,
        _("Announced at least N days before it opens"),
        DAYS,
        _(
            "Kept when every consultation that applies it was announced at least %(threshold)s days before its first "
            "phase opened (the announcement date and the opening date are on each consultation)."
        ),
        ngettext_lazy("%(count)s consultation", "%(count)s consultations", "count"),
    ),
    Rule(
        IMPACT_BEFORE_LAUNCH,
        _("Announced impact published before it opens"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the consultations that apply it published, before they opened, "
            "what will be decided and by whom, what is open and what is not, and how contributions will be used."
        ),
        ngettext_lazy("%(count)s consultation", "%(count)s consultations", "count"),
    ),
    Rule(
        REPORT_ON_TIME,
        _("Report published by the promised date"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the reports due were published by the date promised at launch; "
            "a report published after it, or still missing after it, is late."
        ),
        ngettext_lazy("%(count)s report due", "%(count)s reports due", "count"),
    ),
    Rule(
        CONTRIBUTIONS_ANSWERED,
        _("Share of contributions answered"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the contributions received by the consultations that apply it "
            "have their answer in a published report."
        ),
        ngettext_lazy("%(count)s contribution", "%(count)s contributions", "count"),
    ),
    Rule(
        EVENTS_IN_PERSON,
        _("Share of events in person or hybrid"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the events of the consultations that apply it take place in "
            "person, or in person and online at once."
        ),
        ngettext_lazy("%(count)s event", "%(count)s events", "count"),
    ),
    Rule(
        EVENTS_ACCESSIBLE,
        _("Events with accessibility information"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the events held in a venue say how accessible it is (step-free "
            "access, hearing loop, sign language, public transport or other access information)."
        ),
        ngettext_lazy("%(count)s event in a venue", "%(count)s events in a venue", "count"),
    ),
    Rule(
        EASY_READ_SUMMARY,
        _("Easy-to-read summary present"),
        SHARE,
        _("Kept when at least %(threshold)s %% of the consultations that apply it give an easy-to-read summary."),
        ngettext_lazy("%(count)s consultation", "%(count)s consultations", "count"),
    ),
    Rule(
        STAFF_TRAINED,
        _("Share of staff trained"),
        SHARE,
        _(
            "Kept when at least %(threshold)s %% of the staff members registered for training completed at least "
            "one training module (attestation issued)."
        ),
        ngettext_lazy("%(count)s staff member", "%(count)s staff members", "count"),
    ),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}
CHOICES = [(rule.code, rule.label) for rule in RULES]


class Counted(int):
    """A count that picks its plural form as a number and reads as the active language writes it ("1 445")."""

    def __str__(self):
        return number_format(int(self), force_grouping=True)


def counted_words(rule, count):
    return rule.counted % {"count": Counted(count)}


def rule_statement(rule, threshold):
    return rule.statement % {"threshold": number_format(threshold)}


@dataclass
class Check:
    """One consultation's part in a rule: `passed` of `counted` units (its events, its contributions, or itself;
    `counted` is 0 when nothing of it can be measured yet), and `value`, the days the rule is about (announced so
    many days ahead, a report so many days late), when it has one. `key` is the consultation's translation key."""

    key: str
    title: str
    passed: int
    counted: int
    value: int | None = None

    @property
    def met(self):
        return None if not self.counted else self.passed == self.counted


def check_detail(rule, item):
    """One consultation's part in plain words: "announced 14 days before opening", "2 of 3 events"."""
    if not item.counted:
        return _("not measurable yet")
    if rule.code == ANNOUNCED_AHEAD:
        if item.value is None:
            return _("no announcement date recorded")
        return ngettext_lazy(
            "announced %(days)s day before opening", "announced %(days)s days before opening", "days"
        ) % {"days": item.value}
    if rule.code == REPORT_ON_TIME:
        if item.passed:
            return _("report published by the promised date")
        return ngettext_lazy("report %(days)s day late", "report %(days)s days late", "days") % {"days": item.value}
    if rule.code in (IMPACT_BEFORE_LAUNCH, EASY_READ_SUMMARY):
        return _("yes") if item.passed else _("no")
    return _("%(passed)s of %(counted)s") % {
        "passed": number_format(item.passed, force_grouping=True),
        "counted": counted_words(rule, item.counted),
    }


@dataclass
class Measure:
    """What a commitment's rule gives: the verdict, the figures, and each consultation's part."""

    rule: Rule | None
    threshold: int | None
    passed: int = 0
    counted: int = 0
    applied: int = 0  # consultations that apply the commitment
    checks: list = field(default_factory=list)

    @property
    def share(self):
        return round(100 * self.passed / self.counted, 1) if self.counted else None

    @property
    def verdict(self):
        if self.rule is None:
            return NOT_MEASURED
        if not self.counted:
            return NOT_YET
        if self.rule.unit == DAYS:
            return KEPT if self.passed == self.counted else NOT_KEPT
        return KEPT if 100 * self.passed >= self.threshold * self.counted else NOT_KEPT

    @property
    def verdict_label(self):
        return VERDICT_LABELS[self.verdict]

    @property
    def statement(self):
        return rule_statement(self.rule, self.threshold) if self.rule else ""

    def check_rows(self):
        """Each consultation's part, in plain words, for the pages that list them."""
        return [{"check": item, "detail": check_detail(self.rule, item)} for item in self.checks] if self.rule else []

    @property
    def result(self):
        """The figures in plain words: "3 of 4 consultations (75 %)"."""
        if self.rule is None or not self.counted:
            return ""
        counted = counted_words(self.rule, self.counted)
        return _("%(passed)s of %(counted)s (%(share)s %%)") % {
            "passed": number_format(self.passed, force_grouping=True),
            "counted": counted,
            "share": number_format(self.share, decimal_pos=1),
        }


def rule_of(commitment):
    """The commitment's Rule, or None when it is not measured automatically."""
    return RULES_BY_CODE.get(commitment.measure_rule or "")


def measure_commitments(commitments):
    """{commitment pk: Measure} for `commitments`: each by its own rule, from the apps that fill the charter's
    COMMITMENT_MEASURES hook (in a bounded number of queries, whatever the number of commitments); a commitment
    without a rule is "not measured automatically", one whose rule no app computes is "not measurable yet"."""
    measures = {commitment.pk: Measure(rule_of(commitment), commitment.measure_threshold) for commitment in commitments}
    ruled = [commitment for commitment in commitments if rule_of(commitment)]
    if ruled:
        for measure in hooks.get_hooks(extensions.COMMITMENT_MEASURES):
            measures.update(measure(ruled))
    return measures

"""What a report shows of its consultation's contribution records: the counts (by decision and by channel, from one
grouped query), the list's search and filters (a plain GET form), and the results the rooms attach to them."""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from consultations import extensions
from consultations.models.contribution import Contribution, SharedAnswer, contributions_of, normalise_reference

PER_PAGE = 50
NO_DECISION = "none"  # the filter value for contributions that have no decision yet


@dataclass
class Counts:
    """The contribution records of one consultation, counted by decision and by channel."""

    by_decision: dict = field(default_factory=dict)
    by_channel: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)  # the themes records are filed under: [Theme(slug, name)], by name

    @property
    def total(self):
        return sum(self.by_decision.values())

    @property
    def answered(self):
        return sum(self.by_decision.get(code, 0) for code in Contribution.FINAL_DECISIONS)

    @property
    def without_decision(self):
        return self.by_decision.get("", 0)

    @property
    def under_study(self):
        return self.by_decision.get(Contribution.UNDER_STUDY, 0)

    @property
    def kept_or_adapted(self):
        return sum(self.by_decision.get(code, 0) for code in Contribution.INFLUENTIAL_DECISIONS)

    @property
    def is_partial(self):
        """Some contributions still wait for their decision (the report cannot answer them yet)."""
        return self.without_decision > 0

    def decision_rows(self):
        """Each decision with its count, "still under study" shown as such, then those without a decision."""
        rows = [
            {"code": code, "label": label, "count": self.by_decision.get(code, 0)}
            for code, label in Contribution.DECISIONS
        ]
        if self.without_decision:
            rows.append({"code": NO_DECISION, "label": _("no decision yet"), "count": self.without_decision})
        return rows

    def channel_rows(self):
        return [
            {"code": code, "label": label, "count": self.by_channel.get(code, 0)}
            for code, label in Contribution.CHANNELS
        ]


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str


def count_contributions(consultation):
    """Counts of `consultation`'s records (any language version of the page) and the themes they are filed under,
    in one grouped query."""
    counts = Counts()
    if consultation is None or not consultation.pk:
        return counts
    rows = (
        contributions_of(consultation)
        .order_by()
        .values_list("decision", "channel", "theme__slug", "theme__name")
        .annotate(number=Count("pk"))
    )
    themes = set()
    for decision, channel, slug, name, number in rows:
        counts.by_decision[decision] = counts.by_decision.get(decision, 0) + number
        counts.by_channel[channel] = counts.by_channel.get(channel, 0) + number
        if slug:
            themes.add(Theme(slug, name))
    counts.themes = sorted(themes, key=lambda theme: theme.name.lower())
    return counts


class ContributionFilterForm(forms.Form):
    """The list's search and filters, read from the query string (a plain GET form: no JavaScript needed)."""

    q = forms.CharField(
        label=_("Reference or words"),
        required=False,
        max_length=200,
        help_text=_("A reference such as PM-0142, or words of the title or the text."),
    )
    decision = forms.ChoiceField(label=_("Decision"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    # Reached by the link of a contribution's shared answer, never typed: a hidden field, kept while filtering.
    shared = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, data, *, consultation, themes):
        super().__init__(data)
        self.consultation = consultation
        self.themes = themes
        self.fields["decision"].choices = [
            ("", _("All decisions")),
            *Contribution.DECISIONS,
            (NO_DECISION, _("no decision yet")),
        ]
        self.fields["theme"].choices = [("", _("All themes")), *((tag.slug, tag.name) for tag in self.themes)]
        self.fields["channel"].choices = [("", _("All channels")), *Contribution.CHANNELS]

    def clean_shared(self):
        """The shared answer the list narrows to (of this consultation), read only when asked for."""
        pk = self.cleaned_data.get("shared")
        if pk is None:
            return None
        answer = shared_answers_of(self.consultation).filter(pk=pk).first()
        if answer is None:
            raise forms.ValidationError(_("This shared answer is not one of this consultation's."))
        return answer

    @property
    def is_filtered(self):
        self.is_valid()
        return any(self.cleaned_data.get(name) for name in self.fields)

    @property
    def shared_answer(self):
        self.is_valid()
        return self.cleaned_data.get("shared")

    def apply(self, rows):
        """`rows` narrowed by the valid fields (a wrong value is reported by the form and narrows nothing)."""
        self.is_valid()
        values = self.cleaned_data
        words = (values.get("q") or "").split()
        if words:
            reference = normalise_reference(values["q"])
            matches_words = Q()
            for word in words:
                matches_words &= Q(title__icontains=word) | Q(body__icontains=word) | Q(reference__icontains=word)
            rows = rows.filter(Q(reference__iexact=reference) | matches_words)
        decision = values.get("decision")
        if decision:
            rows = rows.filter(decision="" if decision == NO_DECISION else decision)
        if values.get("theme"):
            rows = rows.filter(theme__slug=values["theme"])
        if values.get("channel"):
            rows = rows.filter(channel=values["channel"])
        if values.get("shared"):
            rows = rows.filter(shared_answer=values["shared"])
        return rows


def shared_answers_of(consultation):
    return SharedAnswer.objects.filter(consultation__translation_key=consultation.translation_key)


def listed(consultation):
    """The records as the list and the permalinks show them, with what each row needs in the same query."""
    return contributions_of(consultation).select_related("theme", "shared_answer", "event").order_by("reference")


def contribution_page(consultation, form, page_number):
    """One page (of PER_PAGE) of the records the form selects, each with its `.results` (see attach_results)."""
    page = Paginator(form.apply(listed(consultation)), PER_PAGE).get_page(page_number)
    attach_results(page.object_list)
    return page


def find(consultation, reference):
    """The record with `reference` as a person types it (spaces, lower case, "n°"), or None."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    contribution = listed(consultation).filter(reference__iexact=reference).first()
    if contribution is not None:
        attach_results([contribution])
    return contribution


def attach_results(contributions):
    """Set `.results` on each contribution: what the rooms report carried out for it (CONTRIBUTION_RESULTS), in one
    call for all of them."""
    contributions = list(contributions)
    ids = [contribution.pk for contribution in contributions]
    results = extensions.merged_lists(extensions.CONTRIBUTION_RESULTS, ids) if ids else {}
    for contribution in contributions:
        contribution.results = results.get(contribution.pk, [])
    return contributions

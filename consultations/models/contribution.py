"""Contributions as records: what each person proposed in a consultation, and the answer the authority owes them.

A contribution belongs to the consultation page of its original language (the page the editors work on; its
translations reach the same records through the page's translation key, see `contributions_of`). Its text is the
contributor's own words or a faithful summary, in the language it was written in: it is never translated, and pages
in another language show it marked with that language.

No personal data is published: an author's name is kept only with their consent (a database constraint holds it),
and no e-mail address is ever stored here.

The answer is the contribution's own: a decision and a reason. Several contributions may share one answer (a
`SharedAnswer`, written once for a theme or a group of similar proposals), which then gives the reason for each of
them; each contribution keeps its own decision, its own entry and its own address.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

REFERENCE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}"
# What is left of a reason once spaces and punctuation are taken away must hold a word: "–", "-", "...", "n/a"
# and the like are placeholders, not reasons.
_PLACEHOLDERS = {"na", "nc", "nr", "ras", "tbd", "todo", "xxx", "voir", "idem"}


def is_placeholder(text):
    """True when `text` says nothing: empty, only punctuation or dashes, or a stock filler such as "n/a"."""
    letters = re.sub(r"[\W_]+", "", text or "")
    return len(letters) < 2 or letters.lower() in _PLACEHOLDERS


def normalise_reference(value):
    """A reference as typed by a person (spaces, lower case, a "n°" in front) in the form it is stored in."""
    value = (value or "").strip().upper()
    value = re.sub(r"^(N°|NO\.?|#)\s*", "", value)
    return re.sub(r"\s+", "-", value)


class SharedAnswer(models.Model):
    """One answer written once and given to several contributions (a theme-level answer)."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="shared_answers",
    )
    title = models.CharField(
        _("title"),
        max_length=160,
        help_text=_("What the answer is about, for example “Cycle lanes on the main roads”."),
    )
    text = models.TextField(
        _("answer"),
        help_text=_(
            "The answer given to every contribution linked to it: what is done with them and why, in plain language."
        ),
    )

    class Meta:
        verbose_name = _("shared answer")
        verbose_name_plural = _("shared answers")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "title"], name="unique_shared_answer_title"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if is_placeholder(self.text):
            raise ValidationError({"text": _("Write the answer in a full sentence: a dash or “n/a” answers nobody.")})


class Contribution(models.Model):
    ONLINE = "online"
    IN_PERSON = "in_person"
    WRITTEN = "written"
    OTHER = "other"
    CHANNELS = [
        (ONLINE, _("online")),
        (IN_PERSON, _("in person")),
        (WRITTEN, _("letter or e-mail")),
        (OTHER, _("other")),
    ]

    KEPT = "kept"
    ADAPTED = "adapted"
    NOT_KEPT = "not_kept"
    OUT_OF_SCOPE = "out_of_scope"
    UNDER_STUDY = "under_study"
    DECISIONS = [
        (KEPT, _("kept")),
        (ADAPTED, _("adapted")),
        (NOT_KEPT, _("not kept")),
        (OUT_OF_SCOPE, _("out of scope")),
        (UNDER_STUDY, _("still under study")),
    ]
    # Answered for good: the decision is made. "Still under study" is an answer the person can read, not a decision.
    FINAL_DECISIONS = (KEPT, ADAPTED, NOT_KEPT, OUT_OF_SCOPE)
    # Kept or adapted: what the contributions changed (the influence indicator).
    INFLUENTIAL_DECISIONS = (KEPT, ADAPTED)

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    reference = models.CharField(
        _("reference"),
        max_length=60,
        validators=[
            RegexValidator(
                f"^{REFERENCE_PATTERN}$",
                _("Use letters, digits, dots, dashes or underscores only, for example “PM-0142”."),
            )
        ],
        help_text=_(
            "The number given to the author, unique in the consultation, for example “PM-0142” (the Decidim "
            "reference when imported). It is the address of the contribution's page: do not change it once given."
        ),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNELS, default=ONLINE)
    event = models.ForeignKey(
        "consultations.ConsultationEvent",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text=_("For a contribution made in person: the meeting, workshop or walk where it was collected."),
    )
    submitted_on = models.DateField(_("date"), help_text=_("The day the contribution was made."))
    title = models.CharField(_("title"), max_length=200, help_text=_("A short title, as the author gave it."))
    body = models.TextField(_("text"), help_text=_("The contribution as written, or a faithful summary of it."))
    is_summary = models.BooleanField(
        _("summarised"),
        default=False,
        help_text=_(
            "Tick when the text is a summary (notes taken at a meeting, a long letter) rather than the original."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        default="fr",
        help_text=_("The language the contribution is written in (fr, en, nl…): it is shown marked with it."),
    )
    theme = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("One of the consultation's themes."),
    )
    decidim_url = models.URLField(
        _("address on Decidim"), max_length=500, blank=True, help_text=_("The proposal's page, when made online.")
    )
    author_name = models.CharField(
        _("author's name"),
        max_length=120,
        blank=True,
        help_text=_("Only with the author's consent to show it. Never an e-mail address or any other contact."),
    )
    author_consents_to_name = models.BooleanField(
        _("the author agrees to show their name"),
        default=False,
        help_text=_("Tick only when the author said yes in writing. Without it the name is neither kept nor shown."),
    )

    decision = models.CharField(
        _("decision"),
        max_length=15,
        choices=DECISIONS,
        blank=True,
        help_text=_(
            "Leave empty while no answer is decided. “Still under study” tells the author it is not forgotten."
        ),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_(
            "Required for every decision but “kept”, unless a shared answer gives it: why, in plain language, for "
            "the person who made the proposal."
        ),
    )
    shared_answer = models.ForeignKey(
        SharedAnswer,
        verbose_name=_("shared answer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_("An answer written once for several contributions on the same subject."),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["consultation", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "reference"], name="unique_contribution_reference"),
            models.CheckConstraint(
                condition=Q(decision__in=["", "kept"]) | ~Q(reason="") | Q(shared_answer__isnull=False),
                name="contribution_reason_unless_kept",
            ),
            models.CheckConstraint(
                condition=Q(author_name="") | Q(author_consents_to_name=True), name="contribution_name_with_consent"
            ),
        ]
        indexes = [models.Index(fields=["consultation", "decision"], name="contribution_by_decision")]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def clean(self):
        super().clean()
        self.reference = normalise_reference(self.reference)
        errors = {}
        if self.author_name and not self.author_consents_to_name:
            errors["author_name"] = _(
                "Tick “the author agrees to show their name”, or leave the name empty: without consent it is not kept."
            )
        if self.decision and self.decision != self.KEPT and self.shared_answer_id is None:
            if is_placeholder(self.reason):
                errors["reason"] = _(
                    "Give the reason in a full sentence, or link a shared answer: a contribution that is adapted, not "
                    "kept, out of scope or still under study must be explained to the person who made it."
                )
        same_consultation = self.consultation_id
        if self.shared_answer_id and same_consultation and self.shared_answer.consultation_id != same_consultation:
            errors["shared_answer"] = _("Choose a shared answer of the same consultation.")
        if self.event_id and self.consultation_id and self.event.page_id != self.consultation_id:
            errors["event"] = _("Choose an event of the same consultation.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_answered(self):
        """Answered for good: a final decision (with its reason where one is owed)."""
        return self.decision in self.FINAL_DECISIONS

    @property
    def answer_text(self):
        """The reason the person reads: the contribution's own, else its shared answer's."""
        own = (self.reason or "").strip()
        if own:
            return own
        return self.shared_answer.text if self.shared_answer_id else ""

    @property
    def shown_author(self):
        return self.author_name if self.author_consents_to_name else ""


def contributions_of(consultation):
    """The contribution records of a consultation, whichever language version of the page is given."""
    return Contribution.objects.filter(consultation__translation_key=consultation.translation_key)

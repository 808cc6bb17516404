"""The charter's structured records: chapters holding commitments, reciprocal commitments and editions.

They are Orderable + TranslatableMixin children of the charter page (ParentalKey), so the page edit form holds
them and wagtail-localize translates and synchronises them. A chapter is itself a ClusterableModel so that its
commitments nest inside it in the same form. Commitments keep their primary key across edits and translation
syncs: other apps (consultations) point at them.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from .. import rules


class CharterChapter(TranslatableMixin, Orderable, ClusterableModel):
    page = ParentalKey("charter_pages.CharterPage", related_name="chapters", on_delete=models.CASCADE)
    title = models.CharField(
        _("title"),
        max_length=160,
        help_text=_("The title of the chapter or axis, for example “Inform before deciding”."),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("Optional: one or two sentences saying what this chapter guarantees."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        InlinePanel("commitments", heading=_("Commitments of the authority"), label=_("Commitment"), min_num=1),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._keep_commitment_primary_keys()
        super().save(*args, **kwargs)

    def _keep_commitment_primary_keys(self):
        """Give unsaved commitments the primary key of the stored one they replace (same translation key).

        wagtail-localize rebuilds a translated page's nested children as new, unsaved objects on every sync;
        without this, modelcluster would delete and re-insert each translated commitment under a new primary
        key, breaking every link other apps hold to it."""
        pending = getattr(self, "_cluster_related_objects", {}).get("commitments")
        if not self.pk or not pending:
            return
        unsaved = [commitment for commitment in pending if commitment.pk is None]
        if not unsaved:
            return
        stored = dict(Commitment.objects.filter(chapter_id=self.pk).values_list("translation_key", "pk"))
        claimed = {commitment.pk for commitment in pending if commitment.pk is not None}
        for commitment in unsaved:
            pk = stored.get(commitment.translation_key)
            if pk is not None and pk not in claimed:
                commitment.pk = pk
                commitment._state.adding = False
                claimed.add(pk)

    @property
    def anchor(self):
        return f"chapitre-{(self.sort_order or 0) + 1}"


class Commitment(index.Indexed, TranslatableMixin, Orderable):
    chapter = ParentalKey(CharterChapter, related_name="commitments", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(
        _("number"),
        help_text=_(
            "The commitment's public number. It does not change from one edition to the next: it is its permanent "
            "address (…/engagements/<number>/) and other pages point to it. Unique within the charter."
        ),
    )
    title = models.CharField(
        _("short title"),
        max_length=140,
        help_text=_("A short title in everyday language, for example “Announce what your opinion will change”."),
    )
    promise = models.TextField(
        _("the authority's promise"),
        help_text=_("The authority's promise, starting with “We commit to…”."),
    )
    citizen_meaning = models.TextField(
        _("what it means for you"),
        blank=True,
        help_text=_("What this commitment concretely changes for a resident."),
    )
    evidence = models.TextField(
        _("how to check it is kept"),
        blank=True,
        help_text=_(
            "How anyone can check the commitment is kept: the published evidence or the indicator followed (for "
            "example “the report is published within 3 months: date shown on each consultation”)."
        ),
    )
    measure_rule = models.CharField(
        _("how it is measured"),
        max_length=30,
        blank=True,
        choices=rules.CHOICES,
        help_text=_(
            "The check computed from the records that says whether the commitment is kept, over the consultations "
            "that apply it. Leave empty if no check fits: the page then says it is not measured automatically and "
            "shows the text of “How to check it is kept”."
        ),
    )
    measure_threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        null=True,
        blank=True,
        help_text=_(
            "For “announced at least N days before”: the number of days (21 for three weeks). For the other checks: "
            "the minimum share, as a percentage from 1 to 100 (100: every one)."
        ),
    )
    official_reference = models.CharField(
        _("official charter reference"),
        max_length=120,
        blank=True,
        help_text=_("The article(s) of the official charter, for example “Article 4, action 2.3”."),
    )
    easy_read_text = models.TextField(
        _("easy-read text"),
        blank=True,
        help_text=_(
            "Easy-to-read version: short sentences, one idea per sentence, one sentence per line. Left empty, the "
            "easy-to-read version shows the promise."
        ),
    )
    pictogram = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("pictogram"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a simple pictogram illustrating the commitment in the easy-to-read version."),
    )
    pictogram_alt = models.CharField(
        _("pictogram text alternative"),
        max_length=160,
        blank=True,
        help_text=_("What the pictogram shows, for people who cannot see it. Required with a pictogram."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("promise"),
        FieldPanel("citizen_meaning"),
        FieldPanel("evidence"),
        MultiFieldPanel(
            [FieldPanel("measure_rule"), FieldPanel("measure_threshold")], heading=_("Is it kept? The computed check")
        ),
        FieldPanel("official_reference"),
        MultiFieldPanel(
            [FieldPanel("easy_read_text"), FieldPanel("pictogram"), FieldPanel("pictogram_alt")],
            heading=_("Easy-read version"),
        ),
    ]

    # Found by the site search on its own (charter_pages/search.py), by its words and by its number.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("numbered_name", boost=2),
        index.SearchField("promise"),
        index.SearchField("citizen_meaning"),
        index.SearchField("evidence"),
        index.AutocompleteField("title"),
        index.FilterField("chapter"),
        index.FilterField("locale"),
    ]
    search_result_kind = pgettext_lazy("search result", "Commitment")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        # A commitment is always in its chapter's language: copying a page for translation only relabels the
        # page's direct children, not the commitments nested in its chapters.
        chapter = self._meta.get_field("chapter").get_cached_value(self, None)
        if chapter is not None and chapter.locale_id and self.locale_id != chapter.locale_id:
            self.locale_id = chapter.locale_id
        # Copying a charter page (Wagtail's "Copy" action) gives new keys to the page's direct children only: a
        # copied commitment is a new commitment, not a translation of the original.
        if (
            self.pk is None
            and Commitment.objects.filter(translation_key=self.translation_key, locale_id=self.locale_id).exists()
        ):
            self.translation_key = uuid.uuid4()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.pictogram_id and not self.pictogram_alt.strip():
            errors["pictogram_alt"] = _("Describe what the pictogram shows.")
        errors.update(self.measure_errors())
        if errors:
            raise ValidationError(errors)

    def measure_errors(self):
        """What is wrong with the chosen check and its threshold, worded to say how to fix it."""
        rule = rules.rule_of(self)
        threshold = self.measure_threshold
        if rule is None:
            if threshold is not None:
                return {"measure_threshold": _("Choose how the commitment is measured, or leave the threshold empty.")}
            return {}
        if threshold is None or threshold < 1:
            if rule.unit == rules.DAYS:
                return {"measure_threshold": _("Give the number of days, for example 21 for three weeks.")}
            return {"measure_threshold": _("Give the minimum share, a percentage from 1 to 100.")}
        if rule.unit == rules.SHARE and threshold > 100:
            return {"measure_threshold": _("A share cannot be more than 100: give a percentage from 1 to 100.")}
        return {}

    @property
    def anchor(self):
        return f"engagement-{self.number}"

    def numbered_name(self):
        """ "Engagement 6" in the commitment's language: what a citizen types to find it (the search indexes it)."""
        with translation.override(self.locale.language_code if self.locale_id else None):
            return gettext("Commitment %(number)s") % {"number": self.number}

    @property
    def easy_read_or_promise(self):
        """The easy-read text, or the plain promise when none is written yet (never nothing)."""
        return self.easy_read_text.strip() or self.promise

    def get_charter_page(self):
        return self.chapter.page

    def get_url(self, request=None):
        """The commitment's permalink in its charter's language: <charter-url>commitments/<number>/ in English,
        engagements/<number>/ in French (see CharterPage.reverse_subpage)."""
        page = self.get_charter_page()
        page_url = page.get_url(request=request)
        if page_url is None:
            return None
        return page_url + page.reverse_subpage("commitment", args=[self.number])


class ReciprocalCommitment(TranslatableMixin, Orderable):
    page = ParentalKey("charter_pages.CharterPage", related_name="reciprocal_commitments", on_delete=models.CASCADE)
    title = models.CharField(
        _("short title"),
        max_length=140,
        help_text=_("What the authority asks of participants, in a few words (for example “Stay courteous”)."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What it means in practice, in one or two sentences."),
    )
    easy_read_text = models.TextField(
        _("easy-read text"),
        blank=True,
        help_text=_("Easy-to-read version: short sentences, one idea per sentence. Left empty, the title is used."),
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("easy_read_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reciprocal commitment")
        verbose_name_plural = _("reciprocal commitments")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def easy_read_or_description(self):
        return self.easy_read_text.strip() or self.description or self.title


class CharterEdition(TranslatableMixin, Orderable):
    page = ParentalKey("charter_pages.CharterPage", related_name="editions", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120, help_text=_("The edition's name, for example “2021 edition”."))
    date = models.DateField(_("date"), help_text=_("The date this edition was adopted."))
    summary = RichTextField(
        _("what changed"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What this edition changes compared with the previous one, in everyday language."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The official text of this edition (an accessible PDF preferably)."),
    )

    panels = [FieldPanel("name"), FieldPanel("date"), FieldPanel("summary"), FieldPanel("document")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("charter edition")
        verbose_name_plural = _("charter editions")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

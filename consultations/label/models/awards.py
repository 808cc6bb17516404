"""Label awards: one official document that carries the label, its proof (code, document and fingerprint) and its
status, in every language."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from consultations.label.codes import CODE_LENGTH, file_sha256, new_verification_code, normalise_sha256
from consultations.label.models.levels import LabelLevel
from consultations.label.models.page import label_page_urls
from site_core.site_data import locales
from site_core.translation import preferred_locale_ids

# "Délibération n° 26-C-0142" typed where the number alone is asked: the kind's name, then "n°", "no.", "nr."...
NUMBER_SIGN = r"(?:n\s*°|nº|no\.?|nr\.?|num(?:é|e)ro|number|nummer)"

# The award's facts: one value whatever the language, copied to every translation (see LabelAward.save).
SHARED_FIELDS = (
    "consultation",
    "level",
    "awarded_on",
    "document_kind",
    "document_reference",
    "document_date",
    "document_url",
    "document",
    "document_sha256",
    "status",
    "withdrawn_on",
    "code",
)
# What a reader reads in their language: translated with wagtail-localize, the original's text until then.
TEXT_FIELDS = ("document_title", "citizen_contribution", "withdrawal_reason")


def strip_kind(kind, reference):
    """The number in a reference that starts with the document's kind in one of the site's languages ("Délibération
    n° 26-C-0142" for a deliberation gives "26-C-0142"); any other reference as it is."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(dict(LabelAward.DOCUMENT_KINDS).get(kind, "")))
    names.discard("")
    for name in names:
        match = re.match(rf"^{re.escape(name)}\s*{NUMBER_SIGN}\s*[:.]?\s*(\S.*)$", reference, re.IGNORECASE)
        if match:
            return match.group(1).strip()
    return reference


class LabelAwardQuerySet(models.QuerySet):
    def for_locale(self, locale_id):
        """The rows a page in `locale_id` may show (site_core.translation's rule): each award's row in that language
        and in the source language, if any, and each award's original, the first row made (lowest id; translations
        always come after it), whose text is the fallback. At most three rows per award, whatever the number of
        languages."""
        earlier = LabelAward.objects.filter(
            translation_key=models.OuterRef("translation_key"), pk__lt=models.OuterRef("pk")
        )
        return self.filter(models.Q(locale_id__in=preferred_locale_ids(locale_id)) | ~models.Exists(earlier))


class LabelAward(index.Indexed, TranslatableMixin, models.Model):
    """One official document or decision that carries the label, for one consultation whose report is out.

    A translatable snippet (wagtail-localize): each language has its own row, all sharing one `translation_key`.
    Only the reader-facing text (TEXT_FIELDS) is translated. The facts (SHARED_FIELDS) are synchronised, and `save`
    copies them at once to every translation: a withdrawal in one language is a withdrawal in all, without waiting
    for an editor to sync the translations. The verification code is one of those facts: the badge printed on a
    French document verifies in every language.

    The *original* is the award's first row (lowest id): a language without a translation shows its text, marked
    as untranslated. `consultation` is shared too: every translation points at the consultation the label was
    awarded for, in the original's language, because that is the page whose published report was checked; whether
    the consultation is translated yet changes nothing to the award, and public pages show the reader's translation
    of the consultation when there is one (as wagtail-localize does by default for links to pages).
    """

    DELIBERATION = "deliberation"
    DECREE = "decree"
    PLAN = "plan"
    REPORT = "report"
    OTHER = "other"
    DOCUMENT_KINDS = [
        (DELIBERATION, _("deliberation")),
        (DECREE, _("decree")),
        (PLAN, _("plan")),
        (REPORT, _("report")),
        (OTHER, _("other")),
    ]
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    STATUSES = [(ACTIVE, _("active")), (WITHDRAWN, _("withdrawn"))]

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="label_awards",
        help_text=_("The consultation the document stems from. Its report must be published."),
    )
    level = models.ForeignKey(
        LabelLevel,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="awards",
        help_text=_("The label level, according to what the consultation allowed."),
    )
    awarded_on = models.DateField(_("awarded on"), default=timezone.localdate)
    document_title = models.CharField(
        _("document title"),
        max_length=255,
        help_text=_("The official title of the document or decision, for example “Cycling plan 2027-2032”."),
    )
    document_kind = models.CharField(_("document kind"), max_length=15, choices=DOCUMENT_KINDS, default=DELIBERATION)
    document_reference = models.CharField(
        _("number"),
        max_length=80,
        blank=True,
        help_text=_(
            "The document's number only, for example “26-C-0142”: the pages write its kind before it (“Deliberation "
            "no. 26-C-0142”). For the kind “other”, write the whole reference, for example “Master plan SD-12”."
        ),
    )
    document_date = models.DateField(_("document date"), help_text=_("The date of adoption or signature."))
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the fingerprint stays: it still identifies the labelled document
        related_name="+",
        help_text=_(
            "The labelled document as adopted, chosen in the document library (a public collection). Its SHA-256 "
            "fingerprint is computed from the file when you save. If the file is replaced later, save the award "
            "again to take the new file's fingerprint. Leave empty if you give a link below instead."
        ),
    )
    document_url = models.URLField(
        _("document link"),
        blank=True,
        help_text=_(
            "Only if the document is published elsewhere (for example on the official records site): its address. "
            "Then paste its fingerprint below."
        ),
    )
    document_sha256 = models.CharField(
        _("SHA-256 fingerprint"),
        max_length=100,  # stored as 64 hexadecimal digits; room for one pasted with spaces or colons (see clean)
        blank=True,
        help_text=_(
            "Filled in for you from the document file. For a link, paste the SHA-256 fingerprint of the file found "
            "at that address (64 characters, digits and letters a to f): on Windows “certutil -hashfile document.pdf "
            "SHA256”, on macOS or Linux “shasum -a 256 document.pdf”. Anyone can then check that a PDF is this "
            "document."
        ),
    )
    citizen_contribution = models.TextField(
        _("what came from citizens"),
        help_text=_(
            "Required. In plain language: what the document contains thanks to the consultation, for example “the "
            "route along the quays, proposed by 312 residents”."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=ACTIVE)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"), blank=True, help_text=_("Required when withdrawn: why, in plain words.")
    )
    # Unique per language, not globally: every translation of an award carries the same code.
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LabelAwardQuerySet.as_manager()

    override_translatable_fields = [SynchronizedField(name, overridable=False) for name in SHARED_FIELDS]

    panels = [
        FieldPanel("consultation"),
        FieldPanel("level"),
        FieldPanel("awarded_on"),
        MultiFieldPanel(
            [
                FieldPanel("document_title"),
                FieldRowPanel([FieldPanel("document_kind"), FieldPanel("document_reference")]),
                FieldPanel("document_date"),
                FieldPanel("document"),
                FieldPanel("document_url"),
                FieldPanel("document_sha256"),
            ],
            heading=_("The official document"),
        ),
        FieldPanel("citizen_contribution"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("withdrawn_on"), FieldPanel("withdrawal_reason")],
            heading=_("Status"),
        ),
    ]

    # Found by the site search (consultations/label/search.py): its document, its code, its level and the words
    # "citizen label" in its language.
    search_fields = [
        index.SearchField("document_title", boost=2),
        index.SearchField("document_reference"),
        index.SearchField("code"),
        index.SearchField("citizen_contribution"),
        index.SearchField("kind_name"),
        index.RelatedFields("level", [index.SearchField("name")]),
        index.AutocompleteField("document_title"),
        index.FilterField("consultation"),
        index.FilterField("locale"),
    ]
    search_result_kind = pgettext_lazy("search result", "Citizen label")

    class Meta(TranslatableMixin.Meta):
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("label award")
        verbose_name_plural = _("label awards")
        ordering = ["-awarded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active")
                | (models.Q(withdrawn_on__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="label_award_withdrawal_explained",
            ),
            models.UniqueConstraint(fields=["code", "locale"], name="unique_label_award_code_per_locale"),
        ]

    def __str__(self):
        return f"{self.document_title} ({self.code})"

    def kind_name(self):
        with translation.override(self.locale.language_code if self.locale_id else None):
            return gettext("Citizen label")

    def clean(self):
        super().clean()
        errors = {}
        if self.consultation_id and not self.consultation_has_published_report():
            errors["consultation"] = _(
                "This consultation has no published report yet. The label can only be awarded once the report that "
                "answers every contribution is published: publish the report first."
            )
        if self.status == self.WITHDRAWN:
            if not (self.withdrawal_reason or "").strip():
                errors["withdrawal_reason"] = _("Say why the label is withdrawn: the verification page shows it.")
            if not self.withdrawn_on:
                errors["withdrawn_on"] = _("Give the date of the withdrawal.")
        self.document_reference = strip_kind(self.document_kind, (self.document_reference or "").strip())
        errors.update(self.document_errors())
        if errors:
            raise ValidationError(errors)

    def document_errors(self):
        """The official document is one file of the library or one link, with the fingerprint of what it holds."""
        typed = (self.document_sha256 or "").strip()
        if self.document_id and self.document_url:
            return {
                "document_url": _(
                    "Give the document either as a file of the library or as a link, not both: empty one of them."
                )
            }
        if self.document_id:
            if self.document.collection.get_view_restrictions().exists():
                return {
                    "document": _(
                        "This document is in a private collection: citizens could not open it. Move it to a public "
                        "collection, or choose another one."
                    )
                }
            computed = file_sha256(self.document.file)
            if computed is None:
                return {"document": _("The file of this document cannot be read: upload it again in the library.")}
            if typed and normalise_sha256(typed) != computed:
                return {
                    "document_sha256": _(
                        "This fingerprint is not the chosen file's (%(computed)s). Empty the field: it is computed "
                        "from the file."
                    )
                    % {"computed": computed}
                }
            self.document_sha256 = computed
            return {}
        if not self.document_url:
            return {
                "document": _(
                    "Choose the labelled document in the library, or give its link in “document link”: the "
                    "verification page links to it and shows its fingerprint."
                )
            }
        if not typed:
            return {
                "document_sha256": _(
                    "Paste the SHA-256 fingerprint of the linked file: without it, nobody can check that a PDF is the "
                    "labelled document."
                )
            }
        fingerprint = normalise_sha256(typed)
        if not fingerprint:
            return {
                "document_sha256": _(
                    "A SHA-256 fingerprint has 64 characters, digits and letters a to f. Copy it again whole from "
                    "the output of “certutil -hashfile document.pdf SHA256” or “shasum -a 256 document.pdf”."
                )
            }
        self.document_sha256 = fingerprint
        return {}

    def consultation_has_published_report(self):
        return self.consultation.published_report is not None

    def save(self, *args, **kwargs):
        if self.document_id:
            # From the file itself, whatever the form held: the fingerprint is the proof of what was labelled.
            self.document_sha256 = file_sha256(self.document.file) or self.document_sha256
        if not self.code:
            self.code = self._unused_code()
        elif self._state.adding and self._code_taken():
            # Only a translation may arrive with a code (copied by wagtail-localize): another award's is refused.
            raise IntegrityError(f"The verification code {self.code} belongs to another award; codes are never reused.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._share_facts()

    def _code_taken(self):
        return type(self).objects.filter(code=self.code).exclude(translation_key=self.translation_key).exists()

    def _share_facts(self):
        """Copy the facts to this award's other languages (one UPDATE, nothing to do without translations)."""
        facts = {name: getattr(self, self._meta.get_field(name).attname) for name in SHARED_FIELDS}
        if self.status == self.WITHDRAWN:
            # A translation made while the label was active has no reason yet: it takes this one, which the
            # public pages show as untranslated (it equals the original's text) until a translator replaces it.
            facts["withdrawal_reason"] = models.Case(
                models.When(withdrawal_reason="", then=models.Value(self.withdrawal_reason)),
                default=models.F("withdrawal_reason"),
                output_field=models.TextField(),
            )
        type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(**facts)

    @classmethod
    def _unused_code(cls):
        """A code no award has ever had in any language (deleted awards' codes are gone with them, and 80 random
        bits make meeting one again negligible)."""
        while True:
            code = new_verification_code()
            if not cls.objects.filter(code=code).exists():
                return code

    def verification_links(self):
        """The verification page and badge files on the label page of this award's language (or of the site's
        default language when that one is not published), for the admin; None without a label page."""
        urls = label_page_urls()
        default = locales().get(settings.LANGUAGE_CODE)
        base = urls.get(self.locale_id) or (urls.get(default.pk) if default else None)
        if base is None:
            return None
        url = f"{base}verifier/{self.code}/"
        return {"page": url, "svg": url + "badge.svg", "png": url + "badge.png"}

    def badge_downloads(self):
        """The admin's links to the verification page and the badge files."""
        links = self.verification_links()
        if links is None:
            return _("Publish the label page to get the badge.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}" download>SVG</a> · <a href="{}" download>PNG</a>',
            links["page"],
            _("Verification page"),
            links["svg"],
            links["png"],
        )

    badge_downloads.short_description = _("Badge")

    @property
    def document_link(self):
        """Where to read the labelled document: the library file's address, or the link typed; "" without one."""
        return self.document.url if self.document_id else self.document_url

    @property
    def document_designation(self):
        """The document's kind and number, the kind written once: “Deliberation no. 26-C-0142”."""
        kind = capfirst(self.get_document_kind_display())
        if self.document_kind == self.OTHER:
            return self.document_reference or kind
        if not self.document_reference:
            return kind
        return pgettext("document kind and number", "%(kind)s no. %(number)s") % {
            "kind": kind,
            "number": self.document_reference,
        }

    @property
    def is_withdrawn(self):
        return self.status == self.WITHDRAWN

    @property
    def year(self):
        return self.awarded_on.year

"""The citizen label: its levels and its awards (translatable snippets) and LabelPage, which explains the label,
lists the awards and answers `verifier/<code>/` with a proof anyone can check."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from consultations.models.mixins import LocalisedRoutableMixin
from site_core import public_address
from site_core.models import BasePage
from site_core.site_data import locales, remember
from site_core.translation import preferred_locale_ids

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or retyped from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits: not guessable, and short enough to type
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


class LabelLevel(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=80, help_text=_("For example “Co-built”."))
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short identifier used in filter addresses (“co-construit”)."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("1 for the first level, 2 for the next…: used to order them.")
    )
    summary = models.TextField(_("summary"), help_text=_("In one or two sentences: what this level guarantees."))
    criteria = models.TextField(
        _("criteria"), help_text=_("One criterion per line: what a consultation must have done for this level.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("rank"), FieldPanel("summary"), FieldPanel("criteria")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("label level")
        verbose_name_plural = _("label levels")
        ordering = ["rank", "name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_label_level_slug_per_locale")]

    def __str__(self):
        return self.name

    @property
    def criteria_list(self):
        return [line.strip(" -•\t") for line in self.criteria.splitlines() if line.strip(" -•\t")]


def label_page_urls():
    """{locale id: that language's live label page full URL}, read once per content generation (the admin lists
    many awards, each with its badge links)."""
    return remember(
        "label-page-urls", lambda: {page.locale_id: public_address.page_url(page) for page in LabelPage.objects.live()}
    )


# The award's facts: one value whatever the language, copied to every translation (see LabelAward.save).
SHARED_FIELDS = (
    "consultation",
    "level",
    "awarded_on",
    "document_kind",
    "document_reference",
    "document_date",
    "document_url",
    "status",
    "withdrawn_on",
    "code",
)
# What a reader reads in their language: translated with wagtail-localize, the original's text until then.
TEXT_FIELDS = ("document_title", "citizen_contribution", "withdrawal_reason")


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


class LabelAward(TranslatableMixin, models.Model):
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
        _("reference number"), max_length=80, blank=True, help_text=_("For example “Deliberation no. 26-C-0142”.")
    )
    document_date = models.DateField(_("document date"), help_text=_("The date of adoption or signature."))
    document_url = models.URLField(_("document link"), blank=True, help_text=_("Optional: where to read the document."))
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
                FieldRowPanel([FieldPanel("document_date"), FieldPanel("document_url")]),
            ],
            heading=_("The official document"),
        ),
        FieldPanel("citizen_contribution"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("withdrawn_on"), FieldPanel("withdrawal_reason")],
            heading=_("Status"),
        ),
    ]

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
        if errors:
            raise ValidationError(errors)

    def consultation_has_published_report(self):
        return self.consultation.published_report is not None

    def save(self, *args, **kwargs):
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
    def is_withdrawn(self):
        return self.status == self.WITHDRAWN

    @property
    def year(self):
        return self.awarded_on.year


class LabelPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (the label and its awards, `?year=&level=`), "verifier/<code>/" (route "verify"),
    "verifier/<code>/badge.svg" and "badge.png" (routes "badge_svg", "badge_png")."""

    introduction = models.TextField(
        _("introduction"), help_text=_("What the citizen label is and why it appears on official documents.")
    )
    how_to_apply = models.TextField(
        _("how a service applies"),
        help_text=_("The steps for a service to obtain the label for a document. One paragraph per line."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=255,
        help_text=_("Whom to contact to check a label or report a misuse, for example an e-mail address."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("how_to_apply"),
        FieldPanel("contact"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("citizen label page")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import label_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(label_listing_context(self, request))
        return context

    @cached_property
    def levels(self):
        return list(LabelLevel.objects.filter(locale_id=self.locale_id).order_by("rank", "name"))

    @property
    def how_to_apply_paragraphs(self):
        return [line.strip() for line in self.how_to_apply.splitlines() if line.strip()]

    def verification_url(self, request, code):
        return (self.get_url(request) or "") + self.reverse_subpage("verify", args=[code])

    def full_verification_url(self, code):
        """The address printed in badges and QR codes: the public one, whoever asks and through which host."""
        return public_address.page_url(self) + self.reverse_subpage("verify", args=[code])

    @path("verifier/<str:code>/", name="verify")
    def verify_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import verification_response

        return verification_response(self, request, code)

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.svg/$", name="badge_svg")
    def badge_svg_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import badge_response

        return badge_response(self, request, code, "svg")

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.png/$", name="badge_png")
    def badge_png_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import badge_response

        return badge_response(self, request, code, "png")

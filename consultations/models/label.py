"""The citizen label: its levels (a translatable snippet), its awards (records an editor keeps) and LabelPage,
which explains the label, lists the awards and answers `verifier/<code>/` with a proof anyone can check."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from site_core.models import BasePage

from .mixins import LocalisedRoutableMixin

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or retyped from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits: not guessable, and short enough to type
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


class LabelLevel(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=80, help_text=_("Par exemple « Co-construit »."))
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Identifiant court utilisé dans l'adresse des filtres (« co-construit »)."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("1 pour le premier niveau, 2 pour le suivant… : sert à les ordonner.")
    )
    summary = models.TextField(_("summary"), help_text=_("En une ou deux phrases : ce que ce niveau garantit."))
    criteria = models.TextField(
        _("criteria"), help_text=_("Un critère par ligne : ce qu'une concertation doit avoir fait pour ce niveau.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("rank"), FieldPanel("summary"), FieldPanel("criteria")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("label level")
        verbose_name_plural = _("label levels")
        ordering = ["rank", "name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_label_level_slug_per_locale")]

    def __str__(self):
        return self.name

    @property
    def criteria_list(self):
        return [line.strip(" -•\t") for line in self.criteria.splitlines() if line.strip(" -•\t")]


_label_page_urls = {}


def french_label_page_url():
    """The French label page's full URL, looked up once per content generation (the admin lists many awards)."""
    from site_core.cache import current_generation

    generation = current_generation()
    if generation not in _label_page_urls:
        page = LabelPage.objects.live().filter(locale__language_code="fr").first()
        _label_page_urls.clear()
        _label_page_urls[generation] = page.full_url if page else None
    return _label_page_urls[generation]


class LabelAward(models.Model):
    """One official document or decision that carries the label, for one consultation whose report is out."""

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
        help_text=_("La concertation d'où vient le document. Son bilan doit être publié."),
    )
    level = models.ForeignKey(
        LabelLevel,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="awards",
        help_text=_("Le niveau de label, selon ce que la concertation a permis."),
    )
    awarded_on = models.DateField(_("awarded on"), default=timezone.localdate)
    document_title = models.CharField(
        _("document title"),
        max_length=255,
        help_text=_("Le titre officiel du document ou de la décision, par exemple « Plan vélo 2027-2032 »."),
    )
    document_kind = models.CharField(_("document kind"), max_length=15, choices=DOCUMENT_KINDS, default=DELIBERATION)
    document_reference = models.CharField(
        _("reference number"), max_length=80, blank=True, help_text=_("Par exemple « Délibération n° 26-C-0142 ».")
    )
    document_date = models.DateField(_("document date"), help_text=_("La date d'adoption ou de signature."))
    document_url = models.URLField(_("document link"), blank=True, help_text=_("Facultatif : où lire le document."))
    citizen_contribution = models.TextField(
        _("what came from citizens"),
        help_text=_(
            "Obligatoire. En langage courant : ce que le document contient grâce à la concertation, "
            "par exemple « le tracé par les quais, proposé par 312 habitants »."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=ACTIVE)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"), blank=True, help_text=_("Obligatoire en cas de retrait : pourquoi, en clair.")
    )
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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

    class Meta:
        verbose_name = _("label award")
        verbose_name_plural = _("label awards")
        ordering = ["-awarded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active")
                | (models.Q(withdrawn_on__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="label_award_withdrawal_explained",
            ),
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
        super().save(*args, **kwargs)

    @classmethod
    def _unused_code(cls):
        while True:
            code = new_verification_code()
            if not cls.objects.filter(code=code).exists():
                return code

    def verification_links(self):
        """The verification page and badge files on the French label page (for the admin), or None."""
        base = french_label_page_url()
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
        _("introduction"), help_text=_("Ce qu'est le label citoyen et pourquoi il figure sur des documents officiels.")
    )
    how_to_apply = models.TextField(
        _("how a service applies"),
        help_text=_("Les étapes pour qu'un service obtienne le label pour un document. Un paragraphe par ligne."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=255,
        help_text=_("Qui contacter pour vérifier un label ou signaler un abus, par exemple une adresse électronique."),
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
        verbose_name = _("citizen label page")

    def get_context(self, request, *args, **kwargs):
        from consultations.label_views import label_listing_context

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

    def full_verification_url(self, request, code):
        return (self.get_full_url(request) or "") + self.reverse_subpage("verify", args=[code])

    @path("verifier/<str:code>/", name="verify")
    def verify_view(self, request, code):
        from consultations.label_views import verification_response

        return verification_response(self, request, code)

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.svg/$", name="badge_svg")
    def badge_svg_view(self, request, code):
        from consultations.label_views import badge_response

        return badge_response(self, request, code, "svg")

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.png/$", name="badge_png")
    def badge_png_view(self, request, code):
        from consultations.label_views import badge_response

        return badge_response(self, request, code, "png")

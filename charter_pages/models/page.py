"""The charter page: the authority's participation charter as a readable, checkable moral contract."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from site_core.models import BasePage


class CharterPage(RoutablePageMixin, BasePage):
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_(
            "Le chapeau « Pourquoi un contrat » : en deux ou trois phrases, ce que la charte engage, des deux côtés."
        ),
    )
    preamble = RichTextField(
        _("preamble"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Le préambule de la charte : son histoire, qui l'a écrite, à quoi elle sert."),
    )
    adoption_body = models.CharField(
        _("adopted by"),
        max_length=160,
        blank=True,
        help_text=_("L'assemblée qui a adopté la charte, par exemple « le conseil métropolitain »."),
    )
    adoption_date = models.DateField(
        _("adoption date"), null=True, blank=True, help_text=_("La date du vote qui a adopté la charte.")
    )
    deliberation_reference = models.CharField(
        _("deliberation reference"),
        max_length=120,
        blank=True,
        help_text=_("Le numéro de la délibération, par exemple « 16 C 0789 »."),
    )
    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("official charter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le texte officiel de la charte, tel qu'il a été voté (son format et sa taille sont affichés)."),
    )
    easy_read_intro = models.TextField(
        _("easy-read introduction"),
        blank=True,
        help_text=_(
            "L'introduction de la version facile à lire : phrases courtes, une idée par phrase, une phrase par ligne."
        ),
    )
    easy_read_checked = models.BooleanField(
        _("easy-read text checked with readers"),
        default=False,
        help_text=_(
            "Cochez seulement si la version facile à lire a été relue et validée par des personnes en situation "
            "de handicap intellectuel. Le logo FALC ne s'affiche qu'à cette condition."
        ),
    )
    falc_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("easy-to-read logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le logo européen « Facile à lire » (FALC), affiché seulement si la relecture est cochée."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("preamble"),
        InlinePanel("chapters", heading=_("Chapters and commitments of the authority"), label=_("Chapter")),
        InlinePanel(
            "reciprocal_commitments",
            heading=_("What the authority asks of participants"),
            label=_("Reciprocal commitment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("adoption_body"),
                FieldPanel("adoption_date"),
                FieldPanel("deliberation_reference"),
                FieldPanel("official_document"),
            ],
            heading=_("Adoption record"),
        ),
        InlinePanel("editions", heading=_("Editions of the charter"), label=_("Edition")),
        MultiFieldPanel(
            [FieldPanel("easy_read_intro"), FieldPanel("easy_read_checked"), FieldPanel("falc_logo")],
            heading=_("Easy-read version"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("lead"), index.SearchField("preamble")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("charter page")

    def clean(self):
        super().clean()
        seen = set()
        duplicates = set()
        for chapter in self.chapters.all():
            for commitment in chapter.commitments.all():
                if commitment.number in seen:
                    duplicates.add(commitment.number)
                seen.add(commitment.number)
        if duplicates:
            numbers = ", ".join(str(number) for number in sorted(duplicates))
            raise ValidationError(
                _("Each commitment needs its own number; these numbers are used twice: %(numbers)s.")
                % {"numbers": numbers}
            )

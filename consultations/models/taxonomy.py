"""Themes (free tags on consultations) and territories (a translatable snippet of communes and areas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Territory(TranslatableMixin, index.Indexed, models.Model):
    COMMUNE = "commune"
    AREA = "area"
    KINDS = [(COMMUNE, _("municipality")), (AREA, _("area"))]

    name = models.CharField(
        _("name"), max_length=120, help_text=_("The name of the municipality or area, as residents say it.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("A short identifier used in the filters' address (for example “val-de-marque”)."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=KINDS,
        default=COMMUNE,
        help_text=_("A municipality, or an area grouping several municipalities or neighbourhoods."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_territory_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class ConsultationTag(TaggedItemBase):
    """The link between a consultation and one of its themes (a taggit tag)."""

    content_object = ParentalKey(
        "consultations.ConsultationPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("consultation theme")
        verbose_name_plural = _("consultation themes")

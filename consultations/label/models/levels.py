"""The label's levels: what each guarantees and the criteria a consultation must meet for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


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

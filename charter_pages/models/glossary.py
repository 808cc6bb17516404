"""The charter's glossary: translatable terms with a plain definition, explained where they appear."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    term = models.CharField(
        _("term"),
        max_length=80,
        help_text=_(
            "The word or phrase as it appears in the charter (for example “consultation”). It will be explained "
            "wherever it appears in the charter."
        ),
    )
    definition = models.TextField(
        _("plain definition"),
        max_length=400,
        help_text=_("One or two short sentences, in everyday language, with no other technical word."),
    )

    panels = [FieldPanel("term"), FieldPanel("definition")]

    search_fields = [index.SearchField("term"), index.AutocompleteField("term"), index.SearchField("definition")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["term", "locale"], name="unique_glossary_term_per_locale"),
        ]

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return f"terme-{slugify(self.term)}"

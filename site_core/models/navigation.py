"""Main and footer navigation: translatable snippets editors manage, read in two queries per menu."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin


class NavigationMenu(TranslatableMixin, ClusterableModel):
    MAIN = "main"
    FOOTER = "footer"
    LOCATIONS = [(MAIN, _("Main navigation (header)")), (FOOTER, _("Footer links"))]

    location = models.CharField(
        _("location"),
        max_length=20,
        choices=LOCATIONS,
        help_text=_("Where the menu is shown. Only one menu per location and per language."),
    )

    panels = [FieldPanel("location"), InlinePanel("items", label=_("Links"), min_num=1)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")
        constraints = [
            models.UniqueConstraint(fields=["location", "locale"], name="unique_menu_location_per_locale"),
        ]

    def __str__(self):
        return f"{self.get_location_display()} ({self.locale})"


class NavigationMenuItem(TranslatableMixin, Orderable):
    menu = ParentalKey(NavigationMenu, related_name="items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page the link leads to. A link to an unpublished or private page is not shown."),
    )
    external_url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("Only if the link leaves the site (for example the Decidim platform)."),
    )
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("Leave empty to use the page's title."))

    panels = [FieldPanel("page"), FieldPanel("external_url"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation link")

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.external_url):
            raise ValidationError(_("Choose either a page or an external link, not both and not neither."))
        if self.external_url and not self.label:
            raise ValidationError({"label": _("An external link needs a label that says where it leads.")})

    @property
    def text(self):
        return self.label or (self.page.title if self.page_id else self.external_url)

"""Site-wide settings editors manage in the admin: who runs the site and how to reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(label=_("Network"), max_length=40, help_text=_("Par exemple « Mastodon »."))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social link")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Métropole Exemple",
        help_text=_("Le nom de l'institution qui publie le site ; il apparaît dans l'en-tête et le pied de page."),
    )
    site_tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("Une phrase sous le nom, par exemple « La participation citoyenne, engagement par engagement »."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le logo est lu comme le nom de l'institution : son texte alternatif n'est pas utilisé."),
    )
    postal_address = models.TextField(
        _("postal address"), blank=True, help_text=_("Une ligne par ligne d'adresse, comme sur une enveloppe.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Adresse qui reçoit les questions des habitants.")
    )
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
        use_json_field=True,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("site_tagline"), FieldPanel("logo")], _("Identity")
        ),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("contact_email"), FieldPanel("contact_phone")], _("Contact")
        ),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

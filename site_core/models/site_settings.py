"""Site-wide settings editors manage in the admin: who runs the site and how to reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(label=_("Network"), max_length=40, help_text=_("For example “Mastodon”."))
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
        help_text=_("The name of the institution that publishes the site; it appears in the header and the footer."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The logo is read out as the institution's name: its alternative text is not used."),
    )
    postal_address = models.TextField(
        _("postal address"), blank=True, help_text=_("One line per address line, as on an envelope.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Address that receives residents' questions.")
    )
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_(
            "When residents can call or come in, one line per period, for example “Monday to Friday, 9 am to 5 pm”."
        ),
    )
    is_demonstration = models.BooleanField(
        _("demonstration site"),
        default=False,
        help_text=_(
            "Tick only on a demonstration or training copy of the site: the footer of every page then says that the "
            "authority, its documents and its contributions are fictional."
        ),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
        use_json_field=True,
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("logo")], _("Identity")),
        MultiFieldPanel(
            [
                FieldPanel("postal_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("opening_hours"),
            ],
            _("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("is_demonstration"),
    ]

    class Meta:
        verbose_name = _("site settings")

"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject
from wagtail.blocks import StreamValue
from wagtail.models import Site

from site_core.models import SiteSettings
from site_core.site_data import remember


def site_settings(request):
    """`site_settings`: the site's settings (organisation, contact), read once per content generation."""

    def load():
        site = Site.find_for_request(request)
        if site is None:
            return SiteSettings()
        names = [field.attname for field in SiteSettings._meta.concrete_fields]
        values = remember(f"site-settings:{site.pk}", lambda: settings_values(SiteSettings.for_site(site), names))
        return SiteSettings.from_db("default", names, values)

    return {"site_settings": SimpleLazyObject(load)}


def settings_values(instance, names):
    """The settings' field values as plain data (the social links as their blocks' JSON-ready list)."""
    values = []
    for name in names:
        value = getattr(instance, name)
        values.append(value.get_prep_value() if isinstance(value, StreamValue) else value)
    return values

"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from site_core.models import SiteSettings
from site_core.site_data import remember


def site_settings(request):
    """`site_settings`: the site's settings (organisation, contact), read once per content generation."""

    def load():
        site = Site.find_for_request(request)
        if site is None:
            return SiteSettings()
        return remember(f"site-settings:{site.pk}", lambda: SiteSettings.for_site(site))

    return {"site_settings": SimpleLazyObject(load)}

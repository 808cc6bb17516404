"""Where the open data show: the open-data page in every footer (site_core.site_data's extension point), the API
under /api/v1/ (site_core.urls' extension point for language-neutral addresses), and on each consultation's page
and report, links to its own records (extensions.DATA_LINKS)."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations import extensions
from consultations.opendata.api import api
from consultations.opendata.models import OpenDataPage
from site_core.site_data import FOOTER_PAGE_TYPES


@hooks.register(FOOTER_PAGE_TYPES)
def open_data_in_the_footer():
    return [OpenDataPage]


@hooks.register("pacte_language_neutral_urls")  # site_core.urls.LANGUAGE_NEUTRAL_URLS
def open_data_api():
    return [path("api/v1/", api.urls)]


@hooks.register(extensions.DATA_LINKS)
def consultation_data_links(consultation, reported):
    """The consultation's own records through the API (and, once its report is out, its contributions with their
    answers), in the page's language; the open-data page itself is in every footer."""
    query = urlencode({"consultation": str(consultation.translation_key), "lang": consultation.language_code})
    links = [
        {
            "text": _("This consultation's record (JSON)"),
            "url": f"{reverse('opendata_api:list_consultations')}?{query}",
            "type": "application/json",
        }
    ]
    if reported:
        links.append(
            {
                "text": _("Its contributions and their answers (JSON)"),
                "url": f"{reverse('opendata_api:list_contributions')}?{query}",
                "type": "application/json",
            }
        )
    return links

"""The open-data page in every footer (site_core.site_data's extension point), beside the legal pages."""

from wagtail import hooks

from consultations.opendata.models import OpenDataPage
from site_core.site_data import FOOTER_PAGE_TYPES


@hooks.register(FOOTER_PAGE_TYPES)
def open_data_in_the_footer():
    return [OpenDataPage]

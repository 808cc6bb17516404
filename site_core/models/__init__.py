"""site_core's models, one module per concern, re-exported here for Django and for imports."""

from .base import BasePage
from .cache_generation import CacheGeneration
from .legal import LegalNoticePage, PersonalDataPage, SiteMapPage
from .navigation import NavigationMenu, NavigationMenuItem
from .page_pdf import PagePdf
from .pages import AccessibilityStatementPage, HomePage, StandardPage
from .site_settings import SiteSettings

__all__ = [
    "AccessibilityStatementPage",
    "BasePage",
    "CacheGeneration",
    "HomePage",
    "LegalNoticePage",
    "NavigationMenu",
    "NavigationMenuItem",
    "PagePdf",
    "PersonalDataPage",
    "SiteMapPage",
    "SiteSettings",
    "StandardPage",
]

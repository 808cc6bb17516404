"""The URL map: language-neutral files first, then every page and view under /fr/, /en/ or /nl/."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from site_core import views
from site_core.sitemap import PagesSitemap

handler404 = "site_core.views.page_not_found"
handler500 = "site_core.views.server_error"

urlpatterns = [
    path("", views.choose_language, name="choose_language"),
    path("sitemap.xml", require_GET(sitemap_views.sitemap), {"sitemaps": {"pages": PagesSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.PACTE_SERVE_MEDIA:
    # `make run` has no nginx in front to serve images (docs/deployment.md): Django serves them itself there, on
    # loopback only. Images alone: document files stay behind Wagtail's view, which enforces private collections.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>(?:images|original_images)/.+)$",
            require_GET(static_serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

site_core_patterns = (
    [
        path(_("search/"), views.search, name="search"),
        path(_("not-translated/<int:page_id>/"), views.not_translated, name="not_translated"),
        path(_("sign-in/"), views.SignInView.as_view(), name="login"),
        path(_("sign-out/"), views.SignOutView.as_view(), name="logout"),
    ],
    "site_core",
)

# fn() -> URL patterns that a domain app serves under each language prefix, before the page routes: how an app adds
# views that are not pages (the followers' confirmation links) without site_core importing it.
PUBLIC_URLS = "pacte_public_urls"
app_patterns = [pattern for function in hooks.get_hooks(PUBLIC_URLS) for pattern in function()]

# fn() -> URL patterns a domain app serves outside the language prefixes (the open-data API, /api/v1/…).
LANGUAGE_NEUTRAL_URLS = "pacte_language_neutral_urls"
urlpatterns += [pattern for function in hooks.get_hooks(LANGUAGE_NEUTRAL_URLS) for pattern in function()]

urlpatterns += i18n_patterns(
    path("", include(site_core_patterns)),
    *app_patterns,
    # Wagtail's page pattern allows no dot; routable pages serve their files (…/events.ics, …/badge.svg,
    # …/badge.png, …/figures.csv, …/entrees.txt, …/bilan.pdf, …/datapackage.json, …/contributions.xlsx) through it.
    re_path(
        r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|svg|png|csv|txt|pdf|json|xlsx)/?)$",
        wagtail_views.serve,
        name="wagtail_serve_ics",
    ),
    # Wagtail's page routes come last: they answer every other path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

"""The open-data page: it describes the data package and serves its files. Editors place it (one per language, under
the home page) and choose its licence; the files come from consultations.opendata.package."""

from django.db import models
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Page
from wagtail.search import index

from consultations.models.mixins import LocalisedRoutableMixin
from consultations.opendata import package
from consultations.opendata.resources import RESOURCES
from site_core.models import BasePage
from site_core.public_address import absolute_url

# The licences an editor may choose, as datapackage.json names them: Etalab's Licence Ouverte first, the default
# of French public bodies (décret n° 2017-638).
LICENCES = {
    "etalab-2.0": (
        "Licence Ouverte / Open Licence 2.0",
        "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",
    ),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
}
FILE_PATTERN = r"^(?P<name>[a-z_]+)\.(?P<extension>csv|json|xlsx)/$"


class OpenDataPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (the files, described), "<resource>.csv|json|xlsx" and "datapackage.json"."""

    introduction = models.TextField(
        _("introduction"),
        help_text=_("What the files hold and who they are for, in two or three sentences."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=[(code, title) for code, (title, _url) in LICENCES.items()],
        default="etalab-2.0",
        help_text=_("The Licence Ouverte 2.0 is the default of French public bodies; change it only on legal advice."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("licence")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        app_label = "consultations"  # a room of the consultations app: its table in the consultations migrations
        verbose_name = _("open data page")

    def licence_descriptor(self):
        title, url = LICENCES[self.licence]
        return {"name": self.licence, "title": title, "path": url}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        built = package.package_of(self)
        base = self.get_url(request) or ""
        context.update(
            generated_at=built["generated_at"],
            licence_title=LICENCES[self.licence][0],
            licence_url=LICENCES[self.licence][1],
            package_url=f"{base}{package.PACKAGE_FILE}",
            package_bytes=len(built["files"][package.PACKAGE_FILE]),
            api_description_url=absolute_url(reverse("opendata_api:openapi-json")),
            resources=[
                {
                    "resource": resource,
                    "count": built["counts"][resource.name],
                    "files": [
                        {
                            "extension": extension,
                            "url": f"{base}{resource.name}.{extension}",
                            "bytes": len(built["files"][f"{resource.name}.{extension}"]),
                        }
                        for extension in package.FORMATS
                    ],
                }
                for resource in RESOURCES
            ],
        )
        return context

    @re_path(r"^datapackage\.json/$", name="package")
    def package_view(self, request):
        return self.file_response(request, package.PACKAGE_FILE, "json")

    @re_path(FILE_PATTERN, name="file")
    def file_view(self, request, name, extension):
        if name not in {resource.name for resource in RESOURCES}:
            raise Http404
        return self.file_response(request, f"{name}.{extension}", extension)

    def file_response(self, request, file_name, extension):
        """The file as built for this generation: ETag (its SHA-256) and Last-Modified, 304 when unchanged, gzip when
        the client takes it, open to every origin (the files are public)."""
        built = package.package_of(self)
        content = built["files"][file_name]
        tag = package.etag(content)
        # Kept by the package already: the page cache would hold a second copy and answer without the 304.
        request.pacte_never_cache = True
        if tag in [value.strip() for value in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
        else:
            gzipped = built["gzipped"].get(file_name)
            if gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
                response = HttpResponse(gzipped, content_type=package.CONTENT_TYPES[extension])
                response["Content-Encoding"] = "gzip"
            else:
                response = HttpResponse(content, content_type=package.CONTENT_TYPES[extension])
            disposition = "attachment" if extension == "xlsx" else "inline"
            response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
        response["ETag"] = tag
        response["Vary"] = "Accept-Encoding"
        response["Last-Modified"] = http_date(built["generated_at"].timestamp())
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"
        return response

"""A page as a PDF, made by WeasyPrint from the page's own HTML: built once per content change (by the task queue on
publication, or by the first visitor after a change), stored in PagePdf, served with an ETag.

Plain WeasyPrint rather than django-weasyprint: that package renders a template for the request being served,
while here the HTML is rendered once for an anonymous visitor, fingerprinted and stored, and a worker with no
request builds it too. What it would add (a response class) is a few lines of ours below.

The HTML is always the page as an anonymous visitor gets it at its public address, whoever asks: so the
fingerprint changes only when the content does, and a signed-in editor never gets a PDF with a menu of their own.
WeasyPrint is imported only when a PDF is built: a machine without Pango still serves the site (the PDF address
answers 503 there)."""

import hashlib
import io
import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.functions import Length
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.http import http_date, parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import patch_cache_control

from site_core import public_address
from site_core.models import PagePdf
from site_core.site_data import remember

logger = logging.getLogger(__name__)

# PDF/A-3a: an archival PDF (fonts embedded, colours defined) that is also tagged (structure tree, /Lang, alternative
# texts), which both the archives and screen readers need. WeasyPrint 70 also offers "pdf/ua-1" (tagged only).
PDF_VARIANT = "pdf/a-3a"
# The print layout for PDFs only (page margins, running footer), on top of the page's own print stylesheets.
PDF_STYLESHEET = "site_core/css/pdf.css"
# Only images are fetched from the media folder: documents may be in private collections (as site_core/urls.py).
MEDIA_FOLDERS = ("images", "original_images")


class PdfUnavailable(Exception):
    """WeasyPrint cannot be imported here (not installed, or Pango missing)."""


class PdfPageMixin:
    """For a routable page (LocalisedRoutesMixin) with a "pdf" route: its PDF, built from `pdf_source_response`."""

    def pdf_source_response(self, request):
        """The page as the PDF shows it (a TemplateResponse rendered from the page's own templates)."""
        raise NotImplementedError

    def pdf_filename(self):
        return self.route_path("pdf", language=self.language_code).rstrip("/").rsplit("/", 1)[-1]

    def pdf_link(self, request):
        """{"url", "size"} for the page's download link (`size`, in bytes, is None until a PDF is stored), or None
        where there is no PDF to offer: a preview, or a page that is not live."""
        if getattr(request, "is_preview", False) or not self.live:
            return None
        size = PagePdf.objects.filter(page_id=self.pk).annotate(size=Length("pdf")).values_list("size", flat=True)
        return {"url": self.url_for_route(request, "pdf"), "size": size.first() if self.pk else None}

    def serve_pdf(self, request):
        redirect = self.came_by_other_words(request, "pdf")
        if redirect is not None:
            return redirect
        try:
            stored = current_pdf(self)
        except PdfUnavailable:
            logger.exception("No PDF of page %s: WeasyPrint cannot be used on this machine", self.pk)
            return unavailable_response(request, self)
        return pdf_response(request, stored, self.pdf_filename())


# The HTML given to WeasyPrint ------------------------------------------------------------------------------------


def source_request(page):
    """An anonymous visitor's GET of the page's public address, built without a network round trip."""
    address = urlsplit(public_address.page_url(page) or public_address.base_url() + "/")
    secure = address.scheme == "https"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": address.path or "/",
            "SERVER_NAME": address.hostname or "localhost",
            "SERVER_PORT": str(address.port or (443 if secure else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": address.netloc or "localhost",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.url_scheme": address.scheme or "http",
        }
    )
    request.user = AnonymousUser()
    request.is_dummy = True  # as Wagtail marks its own built requests (previews)
    return request


def source_html(page, language=None):
    """(HTML, language) of the page as its PDF shows it, in `language` (the page's own by default)."""
    language = language or page.language_code
    request = source_request(page)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = page.pdf_source_response(request)
        if hasattr(response, "render"):
            response.render()
    return response.content.decode(response.charset or "utf-8"), language


def fingerprint(html, language):
    return hashlib.sha256(f"{language}\n{html}".encode()).hexdigest()


# Building and storing ------------------------------------------------------------------------------------------


def current_pdf(page, language=None):
    """The stored PDF of the page as it renders now: the stored one when its source is the same, else built now
    and stored (the first visitor after a change waits for it; nobody gets a stale file)."""
    language = language or page.language_code
    rendered = {}

    def source_fingerprint():
        rendered["html"] = source_html(page, language)[0]
        return fingerprint(rendered["html"], language)

    # The HTML changes only with published content (which moves the generation on) and with the day (statuses
    # such as "overdue"): its fingerprint is kept for both, so that serving a stored PDF does not render the page
    # again (a report with a thousand answers takes a second to render).
    source_sha256 = remember(
        f"pdf-source:{page.pk}:{language}", source_fingerprint, variant=timezone.localdate().isoformat()
    )
    stored = PagePdf.objects.filter(page_id=page.pk).first()
    if stored is not None and stored.source_sha256 == source_sha256:
        return stored
    if "html" not in rendered:
        source_sha256 = source_fingerprint()
    return store(page, rendered["html"], language, source_sha256)


def store(page, html, language, source_sha256):
    generated_at = timezone.now()
    pdf = render_pdf(
        html,
        base_url=public_address.page_url(page) or public_address.base_url() + "/",
        language=language,
        title=page.seo_title or page.title,
        footer=footer_text(public_address.page_url(page), generated_at, language),
    )
    values = {
        "source_sha256": source_sha256,
        "pdf": pdf,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "generated_at": generated_at,
    }
    with transaction.atomic():
        stored, _created = PagePdf.objects.update_or_create(page_id=page.pk, defaults=values)
    return stored


def footer_text(address, generated_at, language):
    with translation.override(language):
        return _("%(address)s – generated on %(date)s") % {
            "address": address,
            "date": format_date(timezone.localtime(generated_at), "j F Y, H:i"),
        }


def css_string(text):
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def render_pdf(html, *, base_url, language, title, footer):
    """The PDF bytes of `html` (PDF_VARIANT, tagged), its running footer saying `footer`."""
    try:
        import weasyprint  # noqa: PLC0415  (here: a machine without Pango must still serve the site)
    except (ImportError, OSError) as error:  # OSError: the Pango libraries cannot be loaded
        raise PdfUnavailable(str(error)) from error

    fetcher = local_files_fetcher(weasyprint)
    stylesheets = [
        weasyprint.CSS(string=static_text(PDF_STYLESHEET), base_url=base_url, url_fetcher=fetcher),
        weasyprint.CSS(string=f"@page {{ @bottom-left {{ content: {css_string(footer)}; }} }}"),
    ]
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, **options
    )
    document.metadata.title = title
    document.metadata.lang = language
    return document.write_pdf(**options)


# Files WeasyPrint may read: this site's static files and images, from disk; nothing from the network -------------


def local_files_fetcher(weasyprint):
    class LocalFilesOnly(weasyprint.URLFetcher):
        """Reads the site's own static files and images from disk; refuses every other address (no network)."""

        def __init__(self):
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_file(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return LocalFilesOnly()


def local_file(url):
    """The file on disk behind one of this site's static or image addresses; ValueError for any other address."""
    parts = urlsplit(url)
    site = urlsplit(public_address.base_url())
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        raise ValueError(f"Not fetched (not an address of this site): {url}")
    path = unquote(parts.path)
    found = None
    if path.startswith(settings.STATIC_URL):
        found = static_file(path.removeprefix(settings.STATIC_URL))
    elif path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if safe_name(name) and name.split("/", 1)[0] in MEDIA_FOLDERS:
            found = inside(Path(settings.MEDIA_ROOT), name)
    if found is None:
        raise ValueError(f"Not fetched (not a static file or an image of this site): {url}")
    return found


def safe_name(name):
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts


def inside(root, name):
    """root/name when it is a file inside root, else None."""
    candidate = (root / name).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(root.resolve()) else None


def static_file(name):
    """A collected static file (fingerprinted names exist only there), or one the finders know."""
    if not safe_name(name):
        return None
    if settings.STATIC_ROOT and (collected := inside(Path(settings.STATIC_ROOT), name)):
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def static_text(name):
    path = static_file(name)
    return path.read_text(encoding="utf-8") if path else ""


# Responses ------------------------------------------------------------------------------------------------------


def pdf_response(request, stored, filename):
    """The stored PDF, or 304 when the client holds this very file (ETag: the PDF's SHA-256)."""
    etag = quote_etag(stored.pdf_sha256)
    if etag in parse_etags(request.headers.get("If-None-Match", "")) or "*" in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored.generated_at.timestamp())
    # Checked again on each use: a publication may replace the file at the same address at any time.
    patch_cache_control(response, no_cache=True)
    return response


def unavailable_response(request, page):
    """503, not 500: the page itself still works, and a later try may (once Pango is installed)."""
    html = render_to_string("site_core/pdf_unavailable.html", {"page": page}, request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "3600"
    return response

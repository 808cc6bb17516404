"""A page's PDF, built once per content change: what was given to WeasyPrint (its fingerprint) and what came out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PagePdf(models.Model):
    """One PDF per page (a page has one language). `source_sha256` fingerprints the HTML given to WeasyPrint with its
    language: while the page renders to the same HTML, the stored file is the page's PDF; once it does not, the file
    is stale and is built again (site_core/page_pdf.py)."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="stored_pdf"
    )
    source_sha256 = models.CharField(_("fingerprint of the source"), max_length=64)
    pdf = models.BinaryField(_("PDF file"))
    pdf_sha256 = models.CharField(_("fingerprint of the PDF"), max_length=64)
    generated_at = models.DateTimeField(_("generated at"))

    class Meta:
        verbose_name = _("page PDF")
        verbose_name_plural = _("page PDFs")

    def __str__(self):
        return f"{self.page_id} ({self.generated_at:%Y-%m-%d %H:%M})"

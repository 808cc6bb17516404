"""Background work of the site itself: each published page that has a PDF gets it built off the request path."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from site_core import page_pdf
from site_core.models import PagePdf

logger = logging.getLogger(__name__)

# The site's one task backend (settings TASKS), named after its first queue; PDFs have a queue of their own so that
# a long build never delays followers' e-mails when each queue has its worker.
BACKEND = "notifications"


@task(backend=BACKEND, queue_name="documents")
def build_page_pdf(page_id, language):
    """Build and store the PDF of live page `page_id` in `language` unless the stored one is still its PDF; the PDF's
    SHA-256, or "" when the page has no PDF (unpublished, private, deleted since)."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not isinstance(page, page_pdf.PdfPageMixin):
        return ""
    return page_pdf.current_pdf(page, language).pdf_sha256


def queue_pdf_build(sender, instance, **kwargs):
    """On publication of a page that has a PDF (and is public), once the publication is committed."""
    if not issubclass(sender, page_pdf.PdfPageMixin) or instance.get_view_restrictions().exists():
        return
    page_id, language = instance.pk, instance.language_code

    def enqueue():
        try:
            build_page_pdf.enqueue(page_id, language)
        except Exception:  # noqa: BLE001  (a queue that is down must not turn a done publication into an error)
            logger.warning("PDF of page %s not queued: its first visitor will build it", page_id, exc_info=True)

    transaction.on_commit(enqueue)


def forget_pdf(sender, instance, **kwargs):
    """An unpublished page's stored PDF goes: nothing can serve it any more, and it should not stay behind."""
    PagePdf.objects.filter(page_id=instance.pk).delete()


def forget_private_pdfs(sender, instance, **kwargs):
    """A view restriction makes the page and those below it private: their stored PDFs go with it."""
    PagePdf.objects.filter(page__path__startswith=instance.page.path).delete()


def connect_signals():
    page_published.connect(queue_pdf_build, dispatch_uid="pacte-page-pdf-build")
    page_unpublished.connect(forget_pdf, dispatch_uid="pacte-page-pdf-forget")
    post_save.connect(forget_private_pdfs, sender=PageViewRestriction, dispatch_uid="pacte-page-pdf-private")

"""The report's and the charter's PDF: built by WeasyPrint from the pages' own HTML, tagged, stored once per content
change and served with an ETag; never for a private page; a link on each page, in each language."""

import datetime
import io
import re
import sys

import pypdf
import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from consultations.label.codes import grouped_code
from consultations.models import Contribution
from site_core import page_pdf
from site_core.models import PagePdf
from tests.factories import (
    CharterPageFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    ContributionFactory,
    LabelAwardFactory,
    LabelLevelFactory,
    LabelPageFactory,
    SharedAnswerFactory,
    translate,
)

REPORT_FILES = {"fr": "bilan.pdf", "en": "report.pdf", "nl": "verslag.pdf"}
CHARTER_FILES = {"fr": "charte.pdf", "en": "charter.pdf", "nl": "handvest.pdf"}
NOT_KEPT_REASON = "Le budget de cette année est déjà voté : la demande sera étudiée pour 2027."
SHARED_TEXT = "Les pistes séparées sont prévues sur les axes principaux ; les autres rues passent en zone 30."


@pytest.fixture
def builds(monkeypatch):
    """Every PDF WeasyPrint renders (the real renderer, counted)."""
    made = []
    render = page_pdf.render_pdf

    def counted(html, **kwargs):
        made.append(kwargs["title"])
        return render(html, **kwargs)

    monkeypatch.setattr(page_pdf, "render_pdf", counted)
    return made


@pytest.fixture
def renders(monkeypatch):
    """Every rendering of a page's HTML for its PDF (the real one, counted)."""
    made = []
    render = page_pdf.source_html

    def counted(page, language=None):
        made.append(page.pk)
        return render(page, language)

    monkeypatch.setattr(page_pdf, "source_html", counted)
    return made


@pytest.fixture
def immediate_tasks(settings):
    """The task queue run at once, in the publishing request, as a worker would run it."""
    settings.TASKS = {
        **settings.TASKS,
        "notifications": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.PACTE_TASK_QUEUES,
        },
    }


@pytest.fixture
def homes(home_page, home_page_en, locales):
    return {"fr": home_page, "en": home_page_en, "nl": translate(home_page, locales["nl"], title="Thuis")}


@pytest.fixture
def report(homes):
    index = ConsultationIndexPageFactory(parent=homes["fr"])
    consultation = ConsultationPageFactory(
        parent=index, slug="plan-velo", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    )
    ContributionFactory(
        consultation=consultation, reference="PM-0001", title="Des pistes séparées", decision=Contribution.KEPT
    )
    ContributionFactory(
        consultation=consultation,
        reference="PM-0002",
        title="Un parking vélo à la gare",
        decision=Contribution.NOT_KEPT,
        reason=NOT_KEPT_REASON,
    )
    shared = SharedAnswerFactory(consultation=consultation, text=SHARED_TEXT)
    ContributionFactory(
        consultation=consultation,
        reference="PM-0003",
        title="Des pistes partout",
        decision=Contribution.ADAPTED,
        reason="Sur les grands axes.",
        shared_answer=shared,
    )
    return ConsultationReportPageFactory(parent=consultation, title="Bilan du plan vélo")


def pdf_of(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def catalog(reader):
    return reader.trailer["/Root"]


def assert_tagged(reader, language):
    """What PDF/A-3a asks and screen readers use: a marked, structured document in its language, declared PDF/A-3a."""
    root = catalog(reader)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == language
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", xmp) and re.search(r"pdfaid:conformance(>|=\")A", xmp), xmp


def translated_report(report, homes, locales, language):
    if language == "fr":
        return report
    consultation = report.get_parent().specific
    index = consultation.get_parent().specific
    index_copy = translate(index, locales[language])
    assert index_copy.get_parent().pk == homes[language].pk
    consultation_copy = translate(consultation, locales[language])
    titles = {"en": "Report of the cycling plan", "nl": "Verslag van het fietsplan"}
    copy = translate(report, locales[language], title=titles[language])
    assert copy.get_parent().pk == consultation_copy.pk
    return copy


@pytest.mark.sqlite
@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_the_report_pdf_is_the_page_tagged_in_its_language_with_every_decision(
    client, report, homes, locales, language
):
    page = translated_report(report, homes, locales, language)
    response = client.get(page.url + REPORT_FILES[language])
    reader = pdf_of(response)
    assert response["Content-Disposition"] == f'inline; filename="{REPORT_FILES[language]}"'
    assert reader.metadata.title == page.title
    assert_tagged(reader, language)
    outline = outline_titles(reader)
    assert page.title in outline
    with translation.override(language):
        assert gettext("What became of each contribution") in outline, outline
    text = " ".join(text_of(reader).split())
    for words in ("PM-0002", "Un parking vélo à la gare", NOT_KEPT_REASON, SHARED_TEXT):
        assert " ".join(words.split()) in text
    generated_at = timezone.localtime(PagePdf.objects.get(page=page).generated_at)
    with translation.override(language):  # the running footer: the page's public address and the day it was made
        assert (
            gettext("%(address)s – generated on %(date)s")
            % {
                "address": f"http://testserver{page.url}",
                "date": format_date(generated_at, "j F Y, H:i"),
            }
            in text
        )
    assert "localhost" not in text


@pytest.mark.sqlite
def test_the_report_pdf_holds_the_badge_of_its_label(client, report, homes):
    consultation = report.get_parent().specific
    LabelPageFactory(parent=homes["fr"])
    award = LabelAwardFactory(consultation=consultation, level=LabelLevelFactory())
    html, _language = page_pdf.source_html(report)
    assert "data:image/svg+xml;base64," in html
    assert f"/verifier/{award.code}/" in html
    reader = pdf_of(client.get(report.url + "bilan.pdf"))
    text = text_of(reader)
    # The badge is drawn (vector, its texts kept as text): level, year, the code to type and its verification page.
    for words in ("Co-construit", "2025", grouped_code(award.code), "http://testserver/fr/label-citoyen/verifier/"):
        assert words in text


@pytest.mark.sqlite
@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_the_charter_pdf_holds_every_commitment(client, homes, language):
    charter = CharterPageFactory(parent=homes[language], title=f"Charte {language}", locale=homes[language].locale)
    response = client.get(charter.url + CHARTER_FILES[language])
    reader = pdf_of(response)
    assert response["Content-Disposition"] == f'inline; filename="{CHARTER_FILES[language]}"'
    assert reader.metadata.title == charter.title
    assert_tagged(reader, language)
    outline = outline_titles(reader)
    assert outline[0] == charter.title
    assert {"Chapitre 1", "Chapitre 2"} <= set(outline)
    with translation.override(language):
        assert gettext("What we commit to") in outline
    for number in (1, 2, 3):  # each commitment under its chapter, as the page's headings nest them
        assert any(title.endswith(f": Engagement numéro {number}") for title in outline), outline
    text = " ".join(text_of(reader).split())
    for number in (1, 2, 3):
        assert f"Nous nous engageons à tenir la promesse {number}." in text
    assert f"http://testserver{charter.url}" in text
    assert "localhost" not in text


@pytest.mark.sqlite
def test_a_second_request_serves_the_stored_pdf_and_a_publication_builds_it_once_again(
    client, report, builds, renders, immediate_tasks, django_capture_on_commit_callbacks
):
    first = client.get(report.url + "bilan.pdf")
    assert first.status_code == 200 and len(builds) == 1
    stored = PagePdf.objects.get(page=report)
    second = client.get(report.url + "bilan.pdf")
    assert second.content == first.content and len(builds) == 1
    assert len(renders) == 1  # the source's fingerprint is kept until the content changes: no rendering either
    assert PagePdf.objects.get(page=report).generated_at == stored.generated_at

    report.delivered_impact = "<p>Le tracé par les quais est en travaux depuis septembre.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    assert len(builds) == 2  # built by the task on publication, not waiting for a visitor
    rebuilt = PagePdf.objects.get(page=report)
    assert rebuilt.generated_at > stored.generated_at and rebuilt.pdf_sha256 != stored.pdf_sha256
    third = client.get(report.url + "bilan.pdf")
    assert len(builds) == 2
    assert "en travaux depuis septembre" in text_of(pypdf.PdfReader(io.BytesIO(third.content)))


@pytest.mark.sqlite
def test_a_change_without_publication_is_built_by_the_first_visitor(client, report, builds):
    client.get(report.url + "bilan.pdf")
    contribution = Contribution.objects.get(reference="PM-0001")
    contribution.reason = "Retenu tel quel par le conseil."
    contribution.save()  # as the admin and the spreadsheet import save the records
    response = client.get(report.url + "bilan.pdf")
    assert len(builds) == 2
    assert "Retenu tel quel par le conseil." in text_of(pdf_of(response))


@pytest.mark.sqlite
def test_the_pdf_has_an_etag_and_answers_304_when_it_has_not_changed(client, report):
    response = client.get(report.url + "bilan.pdf")
    stored = PagePdf.objects.get(page=report)
    assert response["ETag"] == f'"{stored.pdf_sha256}"'
    assert response["Last-Modified"]
    again = client.get(report.url + "bilan.pdf", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    other = client.get(report.url + "bilan.pdf", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.content == response.content


@pytest.mark.sqlite
def test_a_private_page_gets_no_pdf(client, report, builds, immediate_tasks, django_capture_on_commit_callbacks):
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(report.url + "bilan.pdf")
    assert response.status_code == 302 and "application/pdf" not in response.get("Content-Type", "")
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    assert builds == [] and not PagePdf.objects.exists()


@pytest.mark.sqlite
def test_an_unpublished_page_gets_no_pdf(client, report, builds):
    url = report.url + "bilan.pdf"
    report.unpublish()
    assert client.get(url).status_code == 404
    assert builds == [] and not PagePdf.objects.exists()


@pytest.mark.sqlite
def test_a_stored_pdf_goes_when_its_page_is_unpublished_or_made_private(client, report, homes):
    client.get(report.url + "bilan.pdf")
    assert PagePdf.objects.filter(page=report).exists()
    report.unpublish()
    assert not PagePdf.objects.filter(page=report).exists(), "unpublished: nothing left behind"
    report.save_revision().publish()
    client.get(report.url + "bilan.pdf")
    assert PagePdf.objects.filter(page=report).exists()
    PageViewRestriction.objects.create(page=report.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert not PagePdf.objects.filter(page=report).exists(), "made private from above: its PDF goes too"


@pytest.mark.sqlite
def test_french_words_on_an_english_report_lead_to_its_own(client, report, homes, locales):
    page = translated_report(report, homes, locales, "en")
    response = client.get(page.url + "bilan.pdf")
    assert response.status_code == 301 and response["Location"] == page.url + "report.pdf"


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("language", "report_link", "charter_link"),
    [
        ("fr", "Télécharger le bilan (PDF", "Télécharger la charte (PDF"),
        ("en", "Download the report (PDF", "Download the charter (PDF"),
        ("nl", "Het verslag downloaden (pdf", "Het handvest downloaden (pdf"),
    ],
)
def test_each_page_links_to_its_pdf_with_its_size_once_built(
    client, report, homes, locales, language, report_link, charter_link
):
    page = translated_report(report, homes, locales, language)
    charter = CharterPageFactory(parent=homes[language], locale=homes[language].locale)
    for shown, link, filename in ((page, report_link, REPORT_FILES), (charter, charter_link, CHARTER_FILES)):
        html = client.get(shown.url).content.decode()
        assert f'href="{shown.url}{filename[language]}" type="application/pdf">{link})</a>' in html
        size = len(client.get(shown.url + filename[language]).content)
        html = client.get(shown.url).content.decode()
        assert f"{link}, " in html and f"{size // 1024}" in html


@pytest.mark.sqlite
def test_without_weasyprint_the_pdf_address_answers_503(client, report, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what `import weasyprint` meets without it (or Pango)
    response = client.get(report.url + "bilan.pdf")
    assert response.status_code == 503
    assert "Le PDF ne peut pas être produit pour le moment" in response.content.decode()
    assert client.get(report.url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/site_core/css/site.css",  # another host: never the network
        "http://testserver/fr/charte/",  # a page of the site, not a file
        "http://testserver/static/../site_core/settings/base.py",
        "http://testserver/media/documents/private.pdf",  # documents may be in private collections
        "file:///etc/passwd",
    ],
)
def test_weasyprint_reads_only_the_sites_own_files(url):
    with pytest.raises(ValueError, match="Not fetched"):
        page_pdf.local_file(url)


def test_weasyprint_reads_static_files_from_disk():
    assert page_pdf.local_file("http://testserver/static/site_core/css/print.css").name == "print.css"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_make_runs_worker_builds_the_pdf_of_a_published_report(client, report, builds):
    """The database queue and the worker's command as `make run` starts it (committed rows: a transactional test)."""
    PagePdf.objects.all().delete()
    builds.clear()
    report.save_revision().publish()
    assert builds == []  # queued, not built in the publishing request
    call_command(
        "db_worker",
        "--batch",
        "--backend",
        "notifications",
        "--queue-name",
        "notifications,documents",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    assert builds == [report.title]
    stored = PagePdf.objects.get(page=report)
    response = client.get(report.url + "bilan.pdf")
    assert response["ETag"] == f'"{stored.pdf_sha256}"' and builds == [report.title]


def test_a_queue_that_refuses_the_task_leaves_the_pdf_to_the_first_visitor(
    client, report, builds, settings, django_capture_on_commit_callbacks, caplog
):
    # A worker's backend configured without the documents queue: enqueueing fails, after the publication committed.
    settings.TASKS = {
        **settings.TASKS,
        "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["notifications"]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()  # no error for the editor
    assert builds == [] and "its first visitor will build it" in caplog.text
    assert pdf_of(client.get(report.url + "bilan.pdf")) and len(builds) == 1

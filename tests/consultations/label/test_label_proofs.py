"""What lets anyone check a label, as a citizen meets it: the check-a-code form, the code printed under the badge's QR
code, the labelled document's link and SHA-256 fingerprint with a form that says whether a file is that document,
a withdrawn label that offers nothing to download, and the document's kind written once. Visitor-facing, so also run
on SQLite (the `sqlite` marker); the editors' side (fingerprints computed or pasted) too."""

import datetime
import hashlib
import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.http.multipartparser import MultiPartParser
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction

from consultations.label.codes import grouped_code, normalise_code, normalise_sha256
from consultations.label.models import LabelAward
from consultations.label.uploads import FIELD_NAME, FingerprintedUpload
from site_core.demo import demo_document, simple_pdf
from tests.factories import LABELLED_PDF, LabelAwardFactory, LabelLevelFactory, LabelPageFactory, reported_consultation
from tests.utils import visible_text

pytestmark = pytest.mark.sqlite

SVG = "{http://www.w3.org/2000/svg}"
LABELLED_SHA256 = hashlib.sha256(LABELLED_PDF).hexdigest()
FORGED_PDF = simple_pdf(["Plan vélo 2026-2031", "Délibération n° 25-C-0142", "Version modifiée"])


@pytest.fixture
def level(locales):
    return LabelLevelFactory()


@pytest.fixture
def label_page(home_page):
    return LabelPageFactory(parent=home_page)


@pytest.fixture
def award(index_page, level):
    return LabelAwardFactory(consultation=reported_consultation(index_page), level=level)


def withdraw(award):
    award.status, award.withdrawn_on = LabelAward.WITHDRAWN, datetime.date(2026, 2, 1)
    award.withdrawal_reason = "Le plan adopté a abandonné le tracé proposé."
    award.full_clean()
    award.save()
    return award


def verification_url(award):
    return f"/fr/label-citoyen/verifier/{award.code}/"


# Check a code ------------------------------------------------------------------------------------------------------


def test_label_page_has_a_plain_get_form_to_check_a_code(client, label_page, award):
    html = client.get("/fr/label-citoyen/").content.decode()
    form = re.search(r'<form method="get" action="/fr/label-citoyen/verifier/"[^>]*>(.*?)</form>', html, re.S)
    assert form, "the check-a-code form"
    assert '<label for="label-code">Code du label</label>' in form.group(1)
    assert '<input type="text" id="label-code" name="code" value=""' in form.group(1)
    assert "imprimés sous le code QR du badge" in form.group(1)
    assert "Vérifier le code" in form.group(1)


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: grouped_code(code),
        lambda code: " ".join(grouped_code(code).lower().split("-")),
        lambda code: f"  {code[:8]} – {code[8:]} ",
    ],
    ids=["as printed", "small letters", "dashes", "spaces", "padded with an en dash"],
)
def test_a_typed_code_leads_to_its_verification_page(client, label_page, award, typed):
    response = client.get("/fr/label-citoyen/verifier/", {"code": typed(award.code)})
    assert response.status_code == 302
    assert response["Location"] == verification_url(award)
    page = client.get(response["Location"])
    assert "Label valide" in visible_text(page) and "Plan vélo 2026-2031" in visible_text(page)


def test_codes_read_like_crockford_base_32():
    assert normalise_code("abcd-efgh-jkmn-pqrs") == "ABCDEFGHJKMNPQRS"
    # I and L read as 1, O as 0: the letters the alphabet leaves out because they look like digits.
    assert normalise_code("OOOO IIII LLLL 2222") == "0000111111112222"
    assert normalise_code("ABCD-EFGH-JKMN-PQR") == ""  # one character short
    assert normalise_code("UUUU-EFGH-JKMN-PQRS") == ""  # U is not in the alphabet
    assert normalise_code("<script>") == ""


def test_an_unknown_code_answers_404_with_the_code_kept(client, label_page, award):
    response = client.get("/fr/label-citoyen/verifier/", {"code": "aaaa bbbb cccc dddd"})
    assert response.status_code == 404
    text = visible_text(response)
    assert "Ce code de label est inconnu" in text
    assert "Aucun label citoyen n'a le code « AAAA-BBBB-CCCC-DDDD »" in text
    html = response.content.decode()
    assert 'name="code" value="aaaa bbbb cccc dddd"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="label-code-help label-code-error"' in html


def test_a_malformed_code_answers_404_saying_what_a_code_is(client, label_page, award):
    response = client.get("/fr/label-citoyen/verifier/", {"code": '12"<b>34'})
    assert response.status_code == 404
    text = visible_text(response)
    assert "« 12\"<b>34 » n'est pas un code de label : un code compte 16 caractères" in text
    assert 'value="12&quot;&lt;b&gt;34"' in response.content.decode()
    assert "label@example.org" in text


def test_the_check_form_alone_and_an_empty_code(client, label_page, award):
    response = client.get("/fr/label-citoyen/verifier/")
    assert response.status_code == 200
    assert "Vérifier un code de label" in visible_text(response)
    assert 'aria-invalid="true"' not in response.content.decode()
    empty = client.get("/fr/label-citoyen/verifier/", {"code": "  "})
    assert empty.status_code == 200
    assert "Tapez le code imprimé sous le code QR du badge." in visible_text(empty)


def test_a_very_long_code_is_answered_not_crashed(client, label_page, award):
    response = client.get("/fr/label-citoyen/verifier/", {"code": "Z" * 5000})
    assert response.status_code == 404
    assert "n'est pas un code de label" in visible_text(response)


# The code on the badge ---------------------------------------------------------------------------------------------


def test_badge_svg_prints_the_code_under_the_qr_code(client, label_page, award):
    root = ET.fromstring(client.get(verification_url(award) + "badge.svg").content)  # noqa: S314 (our own output)
    code_text = [element for element in root.iter(f"{SVG}text") if element.text == grouped_code(award.code)]
    assert len(code_text) == 1
    qr_bottom = max(float(y) for y in re.findall(r"M[\d.]+ ([\d.]+)h", root.find(f"{SVG}path").get("d")))
    assert float(code_text[0].get("y")) > qr_bottom
    assert normalise_code(code_text[0].text) == award.code


def dark_pixels(image, box):
    return sum(image.crop(box).histogram()[:128])  # a greyscale image: one count per grey level


def test_badge_png_draws_the_code_under_a_scannable_qr_code(client, label_page, award, level):
    image = Image.open(io.BytesIO(client.get(verification_url(award) + "badge.png").content))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [f"http://testserver{verification_url(award)}"]
    # The QR code fills 270–720 px; the code is drawn between it and the frame.
    under_qr = (20, 725, image.width - 20, image.height - 12)
    assert dark_pixels(image, under_qr) > 500
    other = LabelAwardFactory(consultation=award.consultation, level=level, document_title="Autre document")
    other_image = Image.open(io.BytesIO(client.get(verification_url(other) + "badge.png").content))
    assert image.crop(under_qr).tobytes() != other_image.crop(under_qr).tobytes()  # its own code, not a fixed text


# The labelled document and its fingerprint ----------------------------------------------------------------------------


def test_verification_page_links_the_document_and_shows_its_fingerprint(client, label_page, award):
    response = client.get(verification_url(award))
    html = response.content.decode()
    assert '<a href="https://deliberations.example.org/25-C-0142.pdf">Plan vélo 2026-2031</a>' in html
    assert f'<code class="label-fingerprint">{LABELLED_SHA256}</code>' in html
    form = re.search(
        r'<form method="post" action="([^"]+)" enctype="multipart/form-data"[^>]*>(.*?)</form>',
        html,
        re.S,
    )
    assert form.group(1) == verification_url(award) + "document/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert f'<input type="file" id="label-document" name="{FIELD_NAME}"' in form.group(2)
    assert '<label for="label-document">Fichier à vérifier (PDF)</label>' in form.group(2)
    assert "sha256sum document.pdf" in html


def test_a_library_document_is_linked_and_fingerprinted_from_its_file(client, label_page, index_page, level):
    document = demo_document("Plan vélo adopté", ["Délibération n° 25-C-0142"])
    award = LabelAwardFactory(
        consultation=reported_consultation(index_page),
        level=level,
        document=document,
        document_url="",
        document_sha256="",
    )
    with document.file.open("rb") as stored:
        expected = hashlib.sha256(stored.read()).hexdigest()
    assert award.document_sha256 == expected
    html = client.get(verification_url(award)).content.decode()
    assert f'<a href="{document.url}">Plan vélo 2026-2031</a>' in html
    assert expected in html


def csrf_client_and_token(award):
    """A visitor's browser: Django checks the CSRF token, as in production."""
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(verification_url(award)).content.decode()
    return browser, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def send_file(award, content, name="document.pdf"):
    browser, token = csrf_client_and_token(award)
    data = {"csrfmiddlewaretoken": token}
    if content is not None:
        data[FIELD_NAME] = io.BytesIO(content)
        data[FIELD_NAME].name = name
    return browser.post(verification_url(award) + "document/", data)


def test_the_labelled_file_is_recognised(label_page, award):
    response = send_file(award, LABELLED_PDF, "plan-velo.pdf")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Oui : ce fichier est le document labellisé" in text
    assert f"Son empreinte SHA-256 {LABELLED_SHA256}" in text
    assert "plan-velo.pdf" in text
    assert 'role="status"' in response.content.decode()


def test_a_forged_file_is_detected_and_its_fingerprint_given(label_page, award):
    response = send_file(award, FORGED_PDF)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Non : ce fichier n'est pas le document labellisé" in text
    forged = hashlib.sha256(FORGED_PDF).hexdigest()
    assert f"Son empreinte SHA-256 {forged}" in text
    assert LABELLED_SHA256 in text  # the labelled one, to compare
    assert 'role="alert"' in response.content.decode()


def test_no_file_and_a_file_too_big_get_a_clear_answer(label_page, award, settings):
    response = send_file(award, None)
    assert response.status_code == 400
    assert "Aucun fichier n'a été envoyé" in visible_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    big = send_file(award, LABELLED_PDF + b" " * 2048)
    assert big.status_code == 413
    assert "Ce fichier dépasse 1,0 Kio, le maximum que le site vérifie" in visible_text(big)
    assert "Son empreinte SHA-256" not in visible_text(big)


def test_the_check_needs_the_csrf_token(label_page, award):
    browser = Client(enforce_csrf_checks=True)
    payload = io.BytesIO(LABELLED_PDF)
    payload.name = "document.pdf"
    response = browser.post(verification_url(award) + "document/", {FIELD_NAME: payload})
    assert response.status_code == 403


def test_the_check_page_and_an_unknown_award(client, label_page, award):
    response = client.get(verification_url(award) + "document/")
    assert response.status_code == 200
    assert "Votre fichier est-il « Plan vélo 2026-2031 » ?" in visible_text(response)
    assert client.get("/fr/label-citoyen/verifier/AAAABBBBCCCCDDDD/document/").status_code == 404
    assert client.put(verification_url(award) + "document/").status_code == 405


def test_the_checked_file_is_hashed_as_it_arrives_and_never_stored(settings, tmp_path):
    """Django would keep an upload in a temporary file (here: any upload over 0 bytes); the label's field never is,
    while any other field still is."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = encode_multipart(
        BOUNDARY,
        {FIELD_NAME: named(LABELLED_PDF, "label.pdf"), "other": named(b"x" * 100, "other.bin")},
    )
    from django.core.files.uploadhandler import load_handler

    handlers = [load_handler(path) for path in settings.FILE_UPLOAD_HANDLERS]
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    _post, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    checked = files[FIELD_NAME]
    assert isinstance(checked, FingerprintedUpload)
    assert (checked.sha256, checked.size, checked.name) == (LABELLED_SHA256, len(LABELLED_PDF), "label.pdf")
    assert checked.read() == b""
    assert [path.stat().st_size for path in tmp_path.iterdir()] == [100]  # only the other field's file
    files["other"].close()


def named(content, name):
    stream = io.BytesIO(content)
    stream.name = name
    return stream


# What editors type ------------------------------------------------------------------------------------------------


def test_a_pasted_fingerprint_is_normalised_and_a_wrong_one_explained(index_page, level):
    consultation = reported_consultation(index_page)
    spaced = " ".join(LABELLED_SHA256.upper()[i : i + 8] for i in range(0, 64, 8))
    award = LabelAwardFactory(consultation=consultation, level=level, document_sha256=f"SHA256: {spaced}")
    assert award.document_sha256 == LABELLED_SHA256
    assert normalise_sha256("12ab") == ""
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(consultation=consultation, level=level, document_sha256="12ab")
    assert "64 caractères" in str(error.value.message_dict["document_sha256"])
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(consultation=consultation, level=level, document_sha256="")
    assert "Collez l'empreinte SHA-256" in str(error.value.message_dict["document_sha256"])
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(consultation=consultation, level=level, document_url="", document_sha256="")
    assert "Choisissez le document labellisé" in str(error.value.message_dict["document"])


def test_a_library_document_and_a_link_are_not_both_given_nor_a_private_file(index_page, level):
    consultation = reported_consultation(index_page)
    document = demo_document("Plan vélo adopté", ["Délibération n° 25-C-0142"])
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(consultation=consultation, level=level, document=document)
    assert "pas les deux" in str(error.value.message_dict["document_url"])
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(
            consultation=consultation, level=level, document=document, document_url="", document_sha256="0" * 64
        )
    assert "n'est pas celle du fichier choisi" in str(error.value.message_dict["document_sha256"])
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document.collection = private
    document.save()
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(
            consultation=consultation, level=level, document=document, document_url="", document_sha256=""
        )
    assert "collection privée" in str(error.value.message_dict["document"])


def test_admin_form_keeps_a_wrong_fingerprint_and_says_how_to_fix_it(admin_client, label_page, index_page, level):
    consultation = reported_consultation(index_page)
    response = admin_client.post(
        "/admin/label_awards/add/",
        {
            "consultation": consultation.pk,
            "level": level.pk,
            "awarded_on": "2025-11-03",
            "document_title": "Plan vélo",
            "document_kind": "deliberation",
            "document_reference": "Délibération n° 25-C-0142",
            "document_date": "2025-10-20",
            "document_url": "https://deliberations.example.org/25-C-0142.pdf",
            "document_sha256": "pas une empreinte",
            "citizen_contribution": "Le tracé.",
            "status": "active",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Une empreinte SHA-256 compte 64 caractères" in html
    assert 'value="pas une empreinte"' in html
    assert not LabelAward.objects.exists()


# A withdrawn label ---------------------------------------------------------------------------------------------------


def test_a_withdrawn_label_offers_nothing_to_download_nor_to_embed(client, label_page, award):
    withdraw(award)
    response = client.get(verification_url(award))
    html = response.content.decode()
    assert " download>" not in html and "label-snippet" not in html and "badge.png" not in html
    assert "ne peut plus être téléchargé ni inséré dans une page" in visible_text(response)
    assert "alt=\"Le badge tel qu'il s'affiche désormais : label citoyen retiré\"" in html
    for kind in ("svg", "png"):
        badge = client.get(verification_url(award) + f"badge.{kind}")
        assert badge.status_code == 410, kind
        assert "filename" not in badge["Content-Disposition"]
    root = ET.fromstring(client.get(verification_url(award) + "badge.svg").content)  # noqa: S314 (our own output)
    assert "RETIRÉ" in root.find(f"{SVG}title").text + root.find(f"{SVG}desc").text
    assert "2025 – RETIRÉ" in [element.text for element in root.iter(f"{SVG}text")]
    # Its document can still be checked: the answer says the label is withdrawn.
    answer = visible_text(send_file(award, LABELLED_PDF))
    assert "Oui : ce fichier est le document labellisé" in answer and "a été retiré" in answer


def test_an_active_label_still_offers_its_downloads(client, label_page, award):
    html = client.get(verification_url(award)).content.decode()
    assert f'href="{verification_url(award)}badge.png" download' in html and "label-snippet" in html
    assert client.get(verification_url(award) + "badge.png")["Content-Disposition"].endswith(f'{award.code}.png"')


# The document's kind, written once --------------------------------------------------------------------------------


def test_the_kind_is_written_once(client, label_page, index_page, level):
    consultation = reported_consultation(index_page)
    award = LabelAwardFactory(
        consultation=consultation,
        level=level,
        document_kind=LabelAward.DELIBERATION,
        document_reference="Délibération n° 26-C-0412",
    )
    assert award.document_reference == "26-C-0412"  # what an editor typed out of habit, kept as the number
    LabelAwardFactory(
        consultation=consultation,
        level=level,
        document_title="Schéma",
        document_kind=LabelAward.OTHER,
        document_reference="Schéma directeur SD-12",
    )
    listing = visible_text(client.get("/fr/label-citoyen/"))
    assert "Délibération n° 26-C-0412, 20 octobre 2025" in listing
    assert "Délibération, Délibération" not in listing
    assert "Schéma directeur SD-12, 20 octobre 2025" in listing
    page = visible_text(client.get(verification_url(award)))
    assert page.count("Délibération n° 26-C-0412") == 1
    assert "Nature" not in page

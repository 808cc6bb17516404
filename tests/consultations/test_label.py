"""The citizen label: awards need a published report, codes are unguessable, verification pages and badges."""

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from consultations.models import LabelAward
from consultations.models.label import CODE_ALPHABET, CODE_LENGTH
from tests.consultations.conftest import make_consultation
from tests.consultations.label_fixtures import make_award, make_label_page, make_level, reported_consultation
from tests.utils import visible_text

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def level(locales):
    return make_level(locales)


@pytest.fixture
def label_page(home_page):
    return make_label_page(home_page)


@pytest.fixture
def award(index_page, level):
    return make_award(reported_consultation(index_page), level)


def test_award_refused_without_published_report(index_page, level):
    consultation = make_consultation(
        index_page, "sans-bilan", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))]
    )
    with pytest.raises(ValidationError) as error:
        make_award(consultation, level)
    assert "n'a pas encore de bilan publié" in str(error.value.message_dict["consultation"])


def test_award_refused_when_report_is_unpublished(index_page, level):
    consultation = reported_consultation(index_page)
    consultation.get_children().first().specific.unpublish()
    with pytest.raises(ValidationError):
        make_award(consultation, level)


def test_admin_refuses_award_without_report_with_a_clear_message(admin_client, index_page, level):
    consultation = make_consultation(
        index_page, "sans-bilan", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))]
    )
    response = admin_client.post(
        "/admin/label_awards/new/",
        {
            "consultation": consultation.pk,
            "level": level.pk,
            "awarded_on": "2025-11-03",
            "document_title": "Plan",
            "document_kind": "plan",
            "document_date": "2025-10-20",
            "citizen_contribution": "Le tracé.",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "Cette concertation n&#x27;a pas encore de bilan publié" in response.content.decode()
    assert not LabelAward.objects.exists()


def test_withdrawal_needs_reason_and_date(award):
    award.status = LabelAward.WITHDRAWN
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert set(error.value.message_dict) == {"withdrawal_reason", "withdrawn_on"}


def test_codes_are_long_random_unique_and_kept(index_page, level):
    consultation = reported_consultation(index_page)
    awards = [make_award(consultation, level, document_title=f"Document {n}") for n in range(20)]
    codes = [award.code for award in awards]
    assert len(set(codes)) == 20
    for code in codes:
        assert len(code) == CODE_LENGTH == 16
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("ILOU")
    # 32 symbols ** 16 = 2 ** 80 possibilities; consecutive awards share no obvious prefix.
    assert len(CODE_ALPHABET) == 32
    assert len({code[:4] for code in codes}) > 15
    first = awards[0]
    first.document_title = "Changé"
    first.save()
    first.refresh_from_db()
    assert first.code == codes[0]


def test_verification_page_for_an_active_award(client, label_page, award):
    response = client.get(f"/fr/label-citoyen/verifier/{award.code}/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Plan vélo 2026-2031" in text
    assert "Le tracé par les quais, proposé par 312 habitants." in text
    assert "Délibération n° 25-C-0142" in text
    assert "Co-construit" in text and "Ateliers d'écriture" in text
    assert "Label valide" in text
    assert "retiré" not in text.lower()
    assert "Ce que le bilan a répondu aux contributions : Retenue : 1 Adaptée : 0" in text
    html = response.content.decode()
    assert 'href="/fr/concertations/plan-velo/"' in html
    assert 'href="/fr/concertations/plan-velo/bilan/"' in html
    assert f'/fr/label-citoyen/verifier/{award.code}/badge.svg"' in html
    assert f'/fr/label-citoyen/verifier/{award.code}/badge.png"' in html


def test_verification_page_for_a_withdrawn_award(client, label_page, award):
    award.status = LabelAward.WITHDRAWN
    award.withdrawn_on = datetime.date(2026, 2, 1)
    award.withdrawal_reason = "Le plan adopté a abandonné le tracé proposé."
    award.save()
    response = client.get(f"/fr/label-citoyen/verifier/{award.code}/")
    text = visible_text(response)
    assert "Ce label a été retiré" in text
    assert "Le plan adopté a abandonné le tracé proposé." in text
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("code", ["AAAAAAAAAAAAAAAA", "nope", "0123456789abcdef0"])
def test_unknown_code_gives_a_helpful_404(client, label_page, award, code):
    response = client.get(f"/fr/label-citoyen/verifier/{code}/")
    assert response.status_code == 404
    text = visible_text(response)
    assert "Ce code de label est inconnu" in text
    assert "16 caractères" in text
    assert "label@example.org" in text


def test_code_is_case_insensitive_when_typed(client, label_page, award):
    response = client.get(f"/fr/label-citoyen/verifier/{award.code.lower()}/")
    assert response.status_code == 200


def test_badge_svg_parses_has_title_and_a_qr_code_to_the_verification_url(client, label_page, award):
    response = client.get(f"/fr/label-citoyen/verifier/{award.code}/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Label citoyen – Co-construit – 2025"
    assert "http://localhost/fr/label-citoyen/verifier/" in root.find(f"{SVG}desc").text
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts == ["Label citoyen", "Co-construit", "2025"]
    assert decode_svg_qr(root) == f"http://localhost/fr/label-citoyen/verifier/{award.code}/"
    again = client.get(f"/fr/label-citoyen/verifier/{award.code}/badge.svg")
    assert again.content == response.content


def test_badge_png_is_300_dpi_deterministic_and_scannable(client, label_page, award):
    url = f"/fr/label-citoyen/verifier/{award.code}/badge.png"
    first, second = client.get(url), client.get(url)
    assert first["Content-Type"] == "image/png"
    assert first.content == second.content
    image = Image.open(io.BytesIO(first.content))
    assert round(image.info["dpi"][0]) == 300
    assert image.mode == "L"
    results = zxingcpp.read_barcodes(image)
    assert [result.text for result in results] == [f"http://localhost/fr/label-citoyen/verifier/{award.code}/"]


def test_withdrawn_badge_says_so(client, label_page, award):
    award.status = LabelAward.WITHDRAWN
    award.withdrawn_on = datetime.date(2026, 2, 1)
    award.withdrawal_reason = "Abandon."
    award.save()
    root = ET.fromstring(client.get(f"/fr/label-citoyen/verifier/{award.code}/badge.svg").content)  # noqa: S314 (our own output)
    assert "RETIRÉ" in [element.text for element in root.iter(f"{SVG}text")][2]


def test_verification_page_offers_an_html_snippet_with_alt_text(client, label_page, award):
    html = client.get(f"/fr/label-citoyen/verifier/{award.code}/").content.decode()
    assert "&lt;img src=&quot;http://localhost/fr/label-citoyen/verifier/" in html
    assert "alt=&quot;Label citoyen, niveau « Co-construit », 2025" in html


def test_label_page_lists_awards_newest_first_and_filters(client, label_page, index_page, level, locales):
    consultation = reported_consultation(index_page)
    other_level = make_level(locales, slug="consulte", name="Consulté", rank=2)
    make_award(consultation, level, document_title="Ancien", awarded_on=datetime.date(2024, 5, 1))
    make_award(consultation, other_level, document_title="Récent", awarded_on=datetime.date(2025, 6, 1))
    text = visible_text(client.get("/fr/label-citoyen/"))
    assert text.index("Récent") < text.index("Ancien")
    assert "Ateliers d'écriture" in text
    text = visible_text(client.get("/fr/label-citoyen/?year=2024"))
    assert "Ancien" in text and "Récent" not in text
    text = visible_text(client.get("/fr/label-citoyen/?level=consulte"))
    assert "Récent" in text and "Ancien" not in text
    response = client.get("/fr/label-citoyen/?year=1999&level=zzz")
    assert response.status_code == 200
    text = visible_text(response)
    assert "filtre ignoré" in text and "Récent" in text and "Ancien" in text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_label_page_queries_do_not_grow_with_awards(client, label_page, index_page, level):
    consultation = reported_consultation(index_page)
    make_award(consultation, level)
    client.get("/fr/label-citoyen/")  # warm the site-wide caches
    with_1 = count_queries(client, "/fr/label-citoyen/")
    for n in range(8):
        make_award(consultation, level, document_title=f"Doc {n}")
    client.get("/fr/label-citoyen/")
    with_9 = count_queries(client, "/fr/label-citoyen/")
    print(f"Label page queries: {with_1} with 1 award, {with_9} with 9")
    assert with_1 == with_9 <= 15


def test_verification_page_query_count(client, label_page, award):
    url = f"/fr/label-citoyen/verifier/{award.code}/"
    client.get(url)
    assert count_queries(client, url) <= 15


def decode_svg_qr(root):
    """Rasterise the badge's QR path (one square per dark module) and decode it with zxing-cpp."""
    path = root.find(f"{SVG}path").get("d")
    squares = re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)", path)
    scale = float(squares[0][2])
    image = Image.new("L", (400, 520), 255)
    pixels = image.load()
    factor = 2
    for x, y, _size in squares:
        left, top = round(float(x) * factor), round(float(y) * factor)
        size = round(scale * factor)
        for dx in range(size):
            for dy in range(size):
                pixels[left + dx, top + dy] = 0
    results = zxingcpp.read_barcodes(image)
    return results[0].text if results else None


def test_admin_lists_awards_with_badge_downloads(admin_client, label_page, award):
    response = admin_client.get("/admin/label_awards/")
    html = response.content.decode()
    assert "Plan vélo 2026-2031" in html
    assert f"http://localhost/fr/label-citoyen/verifier/{award.code}/badge.svg" in html
    assert f"http://localhost/fr/label-citoyen/verifier/{award.code}/badge.png" in html
    assert "Page de vérification" in html


def test_admin_views_of_levels_and_awards_render(admin_client, label_page, award, level):
    for url in (
        "/admin/label_awards/new/",
        f"/admin/label_awards/edit/{award.pk}/",
        f"/admin/label_awards/inspect/{award.pk}/",
        "/admin/snippets/consultations/labellevel/",
        f"/admin/snippets/consultations/labellevel/edit/{level.pk}/",
        "/admin/consultations/import-decidim/",
    ):
        assert admin_client.get(url).status_code == 200, url
    inspect = admin_client.get(f"/admin/label_awards/inspect/{award.pk}/").content.decode()
    assert award.code in inspect


def test_english_verification_page_and_badge(client, label_page, award, level, home_page_en, translate_page, locales):
    translate_page(label_page, locales["en"], title="Citizen label", slug="citizen-label")
    english = level.copy_for_translation(locales["en"])
    english.name, english.criteria = "Co-built", "Writing workshops\nReport on time"
    english.save()
    response = client.get(f"/en/citizen-label/verifier/{award.code}/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Valid label" in text and "Level: Co-built" in text and "Writing workshops" in text
    root = ET.fromstring(client.get(f"/en/citizen-label/verifier/{award.code}/badge.svg").content)  # noqa: S314
    assert root.find(f"{SVG}title").text == "Citizen label – Co-built – 2025"
    assert decode_svg_qr(root) == f"http://localhost/en/citizen-label/verifier/{award.code}/"
    missing = client.get("/en/citizen-label/verifier/AAAAAAAAAAAAAAAA/")
    assert missing.status_code == 404
    assert "This label code is unknown" in visible_text(missing)

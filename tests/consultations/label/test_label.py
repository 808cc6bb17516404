"""The citizen label: awards need a published report, codes are unguessable, verification pages and badges, awards
translated with wagtail-localize (one code in every language, the original's text until translated)."""

import datetime
import html
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from PIL import Image
from wagtail_localize.models import TranslationSource

from consultations.indicators import aggregation, loading
from consultations.label.codes import CODE_ALPHABET, CODE_LENGTH, grouped_code
from consultations.label.models import LabelAward
from tests.factories import (
    ConsultationPageFactory,
    LabelAwardFactory,
    LabelLevelFactory,
    LabelPageFactory,
    reported_consultation,
    translate,
)
from tests.utils import QUERY_BUDGET, visible_text

NOTICE = "Not yet translated: shown in its original language, French."
NOTICE_HTML = f'<span class="original-language-notice">({NOTICE})</span>'

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def level(locales):
    return LabelLevelFactory()


@pytest.fixture
def label_page(home_page):
    return LabelPageFactory(parent=home_page)


@pytest.fixture
def award(index_page, level):
    return LabelAwardFactory(consultation=reported_consultation(index_page), level=level)


def test_award_refused_without_published_report(index_page, level):
    consultation = ConsultationPageFactory(
        parent=index_page, slug="sans-bilan", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))]
    )
    with pytest.raises(ValidationError) as error:
        LabelAwardFactory(consultation=consultation, level=level)
    assert "n'a pas encore de bilan publié" in str(error.value.message_dict["consultation"])


def test_award_refused_when_report_is_unpublished(index_page, level):
    consultation = reported_consultation(index_page)
    consultation.get_children().first().specific.unpublish()
    with pytest.raises(ValidationError):
        LabelAwardFactory(consultation=consultation, level=level)


def test_admin_refuses_award_without_report_with_a_clear_message(admin_client, index_page, level):
    consultation = ConsultationPageFactory(
        parent=index_page, slug="sans-bilan", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))]
    )
    response = admin_client.post(
        "/admin/label_awards/add/",
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
    awards = [
        LabelAwardFactory(consultation=consultation, level=level, document_title=f"Document {n}") for n in range(20)
    ]
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
    assert "http://testserver/fr/label-citoyen/verifier/" in root.find(f"{SVG}desc").text
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts == ["Label citoyen", "Co-construit", "2025", grouped_code(award.code)]
    assert decode_svg_qr(root) == f"http://testserver/fr/label-citoyen/verifier/{award.code}/"
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
    assert [result.text for result in results] == [f"http://testserver/fr/label-citoyen/verifier/{award.code}/"]


def test_withdrawn_badge_says_so(client, label_page, award):
    award.status = LabelAward.WITHDRAWN
    award.withdrawn_on = datetime.date(2026, 2, 1)
    award.withdrawal_reason = "Abandon."
    award.save()
    root = ET.fromstring(client.get(f"/fr/label-citoyen/verifier/{award.code}/badge.svg").content)  # noqa: S314 (our own output)
    assert "RETIRÉ" in [element.text for element in root.iter(f"{SVG}text")][2]


def test_verification_page_offers_an_html_snippet_with_alt_text(client, label_page, award):
    html = client.get(f"/fr/label-citoyen/verifier/{award.code}/").content.decode()
    assert "&lt;img src=&quot;http://testserver/fr/label-citoyen/verifier/" in html
    assert "alt=&quot;Label citoyen, niveau « Co-construit », 2025" in html


def test_label_page_lists_awards_newest_first_and_filters(client, label_page, index_page, level, locales):
    consultation = reported_consultation(index_page)
    other_level = LabelLevelFactory(slug="consulte", name="Consulté", rank=2)
    LabelAwardFactory(
        consultation=consultation, level=level, document_title="Ancien", awarded_on=datetime.date(2024, 5, 1)
    )
    LabelAwardFactory(
        consultation=consultation, level=other_level, document_title="Récent", awarded_on=datetime.date(2025, 6, 1)
    )
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


def test_label_page_queries_do_not_grow_with_awards(
    client, label_page, index_page, level, django_assert_max_num_queries, django_assert_num_queries
):
    consultation = reported_consultation(index_page)
    LabelAwardFactory(consultation=consultation, level=level)
    client.get("/fr/label-citoyen/")  # warm the site-wide caches
    with django_assert_max_num_queries(QUERY_BUDGET, info="label page, 1 award") as with_1:
        assert client.get("/fr/label-citoyen/").status_code == 200
    with_1 = len(with_1)  # now: the next request empties the connection's query log
    for n in range(8):
        LabelAwardFactory(consultation=consultation, level=level, document_title=f"Doc {n}")
    client.get("/fr/label-citoyen/")
    with django_assert_num_queries(with_1, info="label page, 9 awards as with 1"):
        assert client.get("/fr/label-citoyen/").status_code == 200


def test_verification_page_query_count(client, label_page, award, django_assert_max_num_queries):
    url = f"/fr/label-citoyen/verifier/{award.code}/"
    client.get(url)
    with django_assert_max_num_queries(QUERY_BUDGET, info="verification page"):
        assert client.get(url).status_code == 200


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
    assert f"http://testserver/fr/label-citoyen/verifier/{award.code}/badge.svg" in html
    assert f"http://testserver/fr/label-citoyen/verifier/{award.code}/badge.png" in html
    assert "Page de vérification" in html


def test_admin_views_of_levels_and_awards_render(admin_client, label_page, award, level):
    for url in (
        "/admin/label_awards/add/",
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
    assert decode_svg_qr(root) == f"http://testserver/en/citizen-label/verifier/{award.code}/"
    missing = client.get("/en/citizen-label/verifier/AAAAAAAAAAAAAAAA/")
    assert missing.status_code == 404
    assert "This label code is unknown" in visible_text(missing)


# Translated awards --------------------------------------------------------------------------------------------------

ENGLISH = {
    "document_title": "Cycling plan 2026-2031",
    "citizen_contribution": "The route along the quays, proposed by 312 residents.",
}


def translate_award(award, locale, **texts):
    """The award's version in `locale`, as an editor gets it from wagtail-localize's copy (same translation key,
    same facts and code), with `texts` translated."""
    translation = award.copy_for_translation(locale)
    for name, value in texts.items():
        setattr(translation, name, value)
    translation.full_clean()
    translation.save()
    return translation


@pytest.fixture
def english_page(label_page, level, locales, home_page_en, translate_page):
    """The English label page, with the English version of `level` (the award's level shows in English)."""
    english = level.copy_for_translation(locales["en"])
    english.name, english.criteria = "Co-built", "Writing workshops\nReport on time"
    english.save()
    return translate_page(label_page, locales["en"], title="Citizen label", slug="citizen-label")


def test_translated_award_shown_in_english_on_label_page_and_verification_page(client, english_page, award, locales):
    translate_award(award, locales["en"], **ENGLISH)
    listing = client.get("/en/citizen-label/")
    text = visible_text(listing)
    assert text.count("Cycling plan 2026-2031") == 1
    assert "Plan vélo 2026-2031" not in text
    assert "1 label shown" in text and "Level: Co-built" in text
    assert f'href="/en/citizen-label/verifier/{award.code}/"' in listing.content.decode()
    response = client.get(f"/en/citizen-label/verifier/{award.code}/")
    text = visible_text(response)
    assert "Citizen label of “Cycling plan 2026-2031”" in text
    assert "The route along the quays, proposed by 312 residents." in text
    assert "Le tracé" not in text
    html = response.content.decode()
    assert '<p class="lead">The route along the quays' in html and "Plan vélo" not in html
    # The consultation has no English version: its French title is marked as such.
    assert f'<span lang="fr">Plan velo</span> {NOTICE_HTML}</a>' in html
    french = visible_text(client.get(f"/fr/label-citoyen/verifier/{award.code}/"))
    assert "Le tracé par les quais, proposé par 312 habitants." in french and "Cycling" not in french


def test_untranslated_award_falls_back_to_the_original_with_a_notice(client, english_page, award):
    response = client.get(f"/en/citizen-label/verifier/{award.code}/")
    assert response.status_code == 200
    text = visible_text(response)
    html = response.content.decode()
    assert f'<p class="original-language-notice">{NOTICE}</p><p class="lead" lang="fr">Le tracé' in html
    assert "Valid label" in text and "Level: Co-built" in text
    html = response.content.decode()
    assert '<p class="lead" lang="fr">Le tracé par les quais, proposé par 312 habitants.</p>' in html
    assert f'Citizen label of “<span lang="fr">Plan vélo 2026-2031</span> {NOTICE_HTML}”' in html
    # The kind is written in the reader's language, the number is the same in all.
    assert "<dd>Deliberation no. 25-C-0142</dd>" in html
    listing = client.get("/en/citizen-label/").content.decode()
    assert f'verifier/{award.code}/"><span lang="fr">Plan vélo 2026-2031</span> {NOTICE_HTML}</a>' in listing


def test_fallback_notice_speaks_the_readers_language(client, label_page, home_page, award, locales, translate_page):
    translate(home_page, locales["nl"], title="Home", hero_title="Welkom")
    translate_page(label_page, locales["nl"], title="Burgerlabel", slug="burgerlabel")
    text = visible_text(client.get(f"/nl/burgerlabel/verifier/{award.code}/"))
    assert "Nog niet vertaald: getoond in de oorspronkelijke taal, Frans." in text
    assert "Le tracé par les quais" in text


def test_a_translation_only_partly_done_shows_the_rest_as_untranslated(client, english_page, award, locales):
    """wagtail-localize fills a new translation with the source text: the text still equal to the original's is
    shown as the original's (marked French), the translated text as English."""
    translate_award(award, locales["en"], citizen_contribution=ENGLISH["citizen_contribution"])
    html = client.get(f"/en/citizen-label/verifier/{award.code}/").content.decode()
    assert '<p class="lead">The route along the quays' in html
    assert f'Citizen label of “<span lang="fr">Plan vélo 2026-2031</span> {NOTICE_HTML}”' in html
    # The title, in the heading and in the document's facts; the statement is translated.
    assert html.count(f'<span lang="fr">Plan vélo 2026-2031</span> {NOTICE_HTML}') == 2
    assert '<p class="original-language-notice">' not in html


def test_withdrawal_reaches_every_translation_and_its_reason_falls_back(client, english_page, award, locales):
    english = translate_award(award, locales["en"], **ENGLISH)
    award.status, award.withdrawn_on = LabelAward.WITHDRAWN, datetime.date(2026, 2, 1)
    award.withdrawal_reason = "Le plan adopté a abandonné le tracé proposé."
    award.full_clean()
    award.save()
    english.refresh_from_db()
    assert (english.status, english.withdrawn_on) == (LabelAward.WITHDRAWN, datetime.date(2026, 2, 1))
    response = client.get(f"/en/citizen-label/verifier/{award.code}/")
    text = visible_text(response)
    assert "This label has been withdrawn" in text
    assert f'Reason: <span lang="fr">Le plan adopté a abandonné le tracé proposé.</span> {NOTICE_HTML}' in (
        response.content.decode().replace("<strong>", "").replace("</strong>", "")
    )
    assert '<p class="original-language-notice">' not in response.content.decode()  # the statement is translated
    root = ET.fromstring(client.get(f"/en/citizen-label/verifier/{award.code}/badge.svg").content)  # noqa: S314
    assert "WITHDRAWN" in [element.text for element in root.iter(f"{SVG}text")][2]
    english.withdrawal_reason = "The adopted plan dropped the proposed route."
    english.full_clean()
    english.save()
    response = client.get(f"/en/citizen-label/verifier/{award.code}/")
    assert "Reason: The adopted plan dropped the proposed route." in visible_text(response)
    assert "</strong> The adopted plan dropped the proposed route.</p>" in response.content.decode()
    award.refresh_from_db()
    assert award.withdrawal_reason == "Le plan adopté a abandonné le tracé proposé."


def test_one_code_verifies_in_every_language(client, english_page, award, locales):
    english = translate_award(award, locales["en"], **ENGLISH)
    assert english.pk != award.pk and english.code == award.code
    french = visible_text(client.get(f"/fr/label-citoyen/verifier/{award.code}/"))
    assert "Label valide" in french and "Le tracé par les quais" in french
    response = client.get(f"/en/citizen-label/verifier/{award.code.lower()}/")
    assert response.status_code == 200
    assert "Valid label" in visible_text(response) and "The route along the quays" in visible_text(response)
    assert f"http://testserver/en/citizen-label/verifier/{award.code}/badge.svg" in response.content.decode()
    root = ET.fromstring(client.get(f"/en/citizen-label/verifier/{award.code}/badge.svg").content)  # noqa: S314
    assert root.find(f"{SVG}title").text == "Citizen label – Co-built – 2025"
    assert decode_svg_qr(root) == f"http://testserver/en/citizen-label/verifier/{award.code}/"
    png = client.get(f"/en/citizen-label/verifier/{award.code}/badge.png")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert [result.text for result in results] == [f"http://testserver/en/citizen-label/verifier/{award.code}/"]


def test_translating_with_wagtail_localize_keeps_the_code(admin_client, label_page, award, locales):
    listing = admin_client.get("/admin/label_awards/").content.decode()
    submit_url = f"/admin/localize/submit/snippet/consultations/labelaward/{award.pk}/"
    assert submit_url in listing
    response = admin_client.post(submit_url, {"locales": [locales["en"].pk]})
    assert response.status_code == 302
    english = LabelAward.objects.get(locale=locales["en"])
    assert (english.translation_key, english.code) == (award.translation_key, award.code)
    # The facts are shared, the consultation included: it stays the one whose published report was checked.
    assert (english.consultation_id, english.level_id, english.status) == (
        award.consultation_id,
        award.level_id,
        award.status,
    )
    # The admin lists each language's awards apart; wagtail-localize's translation editor replaces the edit view.
    english_listing = admin_client.get("/admin/label_awards/?locale=en").content.decode()
    assert f"/admin/label_awards/edit/{english.pk}/" in english_listing
    assert f"/admin/label_awards/edit/{award.pk}/" not in english_listing
    assert admin_client.get(f"/admin/label_awards/edit/{english.pk}/").status_code == 200
    award.citizen_contribution = "Le tracé par les quais et les ponts."
    award.save()
    source = TranslationSource.objects.get_for_instance(award)
    source.update_from_db()
    source.create_or_update_translation(locales["en"], fallback=True)
    english.refresh_from_db()
    assert english.code == award.code
    assert english.citizen_contribution == "Le tracé par les quais et les ponts."  # untranslated yet: the source's
    assert LabelAward.objects.filter(code=award.code).count() == 2


def test_code_is_unique_per_language_and_never_given_to_another_award(index_page, level, award, locales):
    translate_award(award, locales["en"], **ENGLISH)  # the same code in another language: the same award
    other = LabelAwardFactory(consultation=award.consultation, level=level, document_title="Autre document")
    assert other.code != award.code
    with pytest.raises(IntegrityError), transaction.atomic():
        LabelAward.objects.filter(pk=other.pk).update(code=award.code)
    stranger = LabelAward(
        consultation=award.consultation,
        level=level,
        document_title="Intrus",
        document_date=datetime.date(2025, 1, 1),
        citizen_contribution="Rien.",
        locale=locales["nl"],
        code=award.code,
    )
    with pytest.raises(IntegrityError, match="belongs to another award"):
        stranger.save()


def test_labels_indicator_counts_an_award_once_whatever_its_translations(award, locales):
    translate_award(award, locales["en"], **ENGLISH)
    translate_award(award, locales["nl"], citizen_contribution="De route langs de kades.")
    records = loading.load_records(locales["fr"])
    assert [record.labels for record in records] == [1]
    assert aggregation.summarise(records)["labels"] == 1
    award.status, award.withdrawn_on, award.withdrawal_reason = LabelAward.WITHDRAWN, datetime.date(2026, 1, 5), "R."
    award.save()
    assert aggregation.summarise(loading.load_records(locales["fr"]))["labels"] == 0


def test_label_page_queries_do_not_grow_with_translated_awards(
    client, english_page, index_page, level, locales, django_assert_max_num_queries, django_assert_num_queries
):
    consultation = reported_consultation(index_page)

    def add_awards(numbers):
        for number in numbers:
            award = LabelAwardFactory(
                consultation=consultation,
                level=level,
                document_title=f"Document {number}",
                awarded_on=datetime.date(2024 + number % 2, 1, 1 + number),
            )
            if number % 2 == 0:
                translate_award(award, locales["en"], document_title=f"Document {number} in English")
            if number % 3 == 0:
                translate_award(award, locales["nl"], document_title=f"Document {number} in het Nederlands")

    urls = ["/fr/label-citoyen/", "/en/citizen-label/", "/en/citizen-label/?year=2025&level=co-construit"]

    add_awards(range(5))
    with_5 = {}
    for url in urls:
        client.get(url)  # warm the site-wide caches
        with django_assert_max_num_queries(QUERY_BUDGET, info=f"{url}, 5 awards") as queries:
            assert client.get(url).status_code == 200
        with_5[url] = len(queries)
    add_awards(range(5, 30))
    for url in urls:
        client.get(url)
        with django_assert_num_queries(with_5[url], info=f"{url}, 30 awards and translations as with 5"):
            assert client.get(url).status_code == 200
    text = visible_text(client.get("/en/citizen-label/"))
    assert "30 labels shown" in text
    assert text.count("Document 4 in English") == 1 and "Document 3 in het Nederlands" not in text
    # Newest first: the odd numbers were awarded in 2025, the even ones in 2024, each later than the one before.
    order = ["Document 29 ", "Document 1 ", "Document 28 in English", "Document 0 in English"]
    assert [text.index(title) for title in order] == sorted(text.index(title) for title in order)
    assert "15 labels shown" in visible_text(client.get("/en/citizen-label/?year=2025"))


PUBLIC = "https://participation.example.org"


def test_badges_and_their_qr_codes_name_the_public_address_whatever_the_host(settings, label_page, award):
    settings.PACTE_BASE_URL = PUBLIC
    visitor = Client(HTTP_HOST="10.0.0.7:8000")
    expected = f"{PUBLIC}/fr/label-citoyen/verifier/{award.code}/"
    png = visitor.get(f"/fr/label-citoyen/verifier/{award.code}/badge.png")
    assert [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))] == [expected]
    svg = ET.fromstring(visitor.get(f"/fr/label-citoyen/verifier/{award.code}/badge.svg").content)  # noqa: S314
    assert decode_svg_qr(svg) == expected
    html = visitor.get(f"/fr/label-citoyen/verifier/{award.code}/").content.decode()
    assert f"&lt;a href=&quot;{expected}&quot;&gt;&lt;img src=&quot;{expected}badge.svg&quot;" in html
    assert "10.0.0.7" not in html


def test_badge_snippet_keeps_quotes_angle_brackets_and_ampersands_as_text(client, label_page, award):
    award.level.name = 'Co-"construit" <b>& cie</b>'
    award.level.save()
    page = client.get(f"/fr/label-citoyen/verifier/{award.code}/").content.decode()
    shown = re.search(r'<div class="label-snippet"[^>]*><pre><code>(.*?)</code></pre></div>', page, re.S).group(1)
    snippet = html.unescape(shown)  # what the citizen sees and copies
    # Pasted into a page, it is one link holding one image whose alt text is the level name, literally.
    parser = SnippetParser()
    parser.feed(snippet)
    assert parser.tags == ["a", "img"]
    assert 'niveau « Co-"construit" <b>& cie</b> », 2025' in parser.attributes["img"]["alt"]
    assert "&quot;construit&quot; &lt;b&gt;&amp; cie&lt;/b&gt;" in snippet


class SnippetParser(HTMLParser):
    """The elements and attributes a browser reads from the pasted snippet."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes[tag] = dict(attrs)

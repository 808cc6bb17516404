"""Translating the charter with wagtail-localize keeps its structure, and commitments keep their primary keys."""

import pytest
from wagtail_localize.models import TranslationSource

from charter_pages.models import CharterChapter, CharterPage, Commitment
from tests.utils import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter_en(charter, home_page_en, locales, sync):
    TranslationSource.get_or_create_from_instance(charter)
    return sync(
        charter,
        locales["en"],
        translations=[("Engagement numéro 1", "Commitment number one"), ("Chapitre 2", "Chapter two")],
    )


def structure(page):
    return [
        (chapter.translation_key, [(c.translation_key, c.number) for c in chapter.commitments.order_by("sort_order")])
        for chapter in CharterChapter.objects.filter(page=page).order_by("sort_order")
    ]


def test_translation_keeps_chapters_commitments_and_numbers(charter, charter_en, locales):
    assert charter_en.locale == locales["en"]
    assert structure(charter_en) == structure(charter)
    assert set(Commitment.objects.filter(chapter__page=charter_en).values_list("locale", flat=True)) == {
        locales["en"].pk
    }
    english = Commitment.objects.get(chapter__page=charter_en, number=1)
    assert english.title == "Commitment number one"
    assert english.get_url() == f"{charter_en.url}commitments/1/"


def test_english_charter_and_commitment_pages_read_in_english(client, charter_en):
    text = visible_text(client.get(charter_en.url))
    assert "What we commit to" in text and "Chapter two" in text and "Commitment number one" in text
    text = visible_text(client.get(f"{charter_en.url}commitments/1/"))
    assert "Commitment 1 : Commitment number one" in text
    assert "How to check it is kept" in text
    assert client.get(f"{charter_en.url}easy-read/").status_code == 200


def test_primary_keys_survive_edits_and_translation_syncs(charter, charter_en, locales, sync):
    french_pks = dict(Commitment.objects.filter(chapter__page=charter).values_list("number", "pk"))
    english_pks = dict(Commitment.objects.filter(chapter__page=charter_en).values_list("number", "pk"))
    english_chapter_pks = set(CharterChapter.objects.filter(page=charter_en).values_list("pk", flat=True))

    # An editor changes a promise and publishes; then the translation is synchronised again.
    page = CharterPage.objects.get(pk=charter.pk)
    chapters = list(page.chapters.all())
    commitments = list(chapters[0].commitments.all())
    commitments[0].promise = "Nous nous engageons à une promesse révisée."
    chapters[0].commitments = commitments
    page.chapters = chapters
    page.save_revision().publish()
    sync(charter, locales["en"])

    assert dict(Commitment.objects.filter(chapter__page=charter).values_list("number", "pk")) == french_pks
    assert dict(Commitment.objects.filter(chapter__page=charter_en).values_list("number", "pk")) == english_pks
    assert set(CharterChapter.objects.filter(page=charter_en).values_list("pk", flat=True)) == english_chapter_pks
    english = Commitment.objects.get(chapter__page=charter_en, number=1)
    assert english.title == "Commitment number one", "existing translations are kept"
    assert english.promise == "Nous nous engageons à une promesse révisée.", "new source text falls back to French"


def test_language_switcher_keeps_the_sub_route_in_each_language_s_words(client, charter, charter_en):
    html = client.get(f"{charter.url}facile/").content.decode()
    assert f'href="{charter_en.url}easy-read/"' in html
    html = client.get(f"{charter_en.url}commitments/2/").content.decode()
    assert f'href="{charter.url}engagements/2/"' in html
    html = client.get(f"{charter_en.url}print/").content.decode()
    assert f'href="{charter.url}imprimer/"' in html

"""Charter fixtures: a published French charter page built from plain records, and its translations synchronised."""

import datetime

import pytest
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationSource

from charter_pages.models import (
    CharterChapter,
    CharterEdition,
    CharterPage,
    Commitment,
    GlossaryTerm,
    ReciprocalCommitment,
)
from tests.utils import publish_child


def build_charter(home, commitments_per_chapter=(2, 1), slug="charte", pictograms=(), **fields):
    """Publish a charter under `home` with chapters holding numbered commitments (numbered from 1)."""
    values = {
        "title": "Charte de la participation citoyenne",
        "slug": slug,
        "lead": "Un contrat moral entre la Métropole et les habitants : des engagements des deux côtés.",
        "adoption_body": "Conseil métropolitain",
        "adoption_date": datetime.date(2016, 12, 2),
        "deliberation_reference": "16 C 0999",
        "easy_read_intro": "La Métropole fait des promesses.\nVous pouvez vérifier.",
        "locale": home.locale,
    }
    values.update(fields)
    page = CharterPage(**values)
    number = 0
    chapters = []
    for chapter_index, count in enumerate(commitments_per_chapter):
        chapter = CharterChapter(title=f"Chapitre {chapter_index + 1}", sort_order=chapter_index)
        items = []
        for index in range(count):
            number += 1
            items.append(
                Commitment(
                    number=number,
                    sort_order=index,
                    title=f"Engagement numéro {number}",
                    promise=f"Nous nous engageons à tenir la promesse {number}.",
                    citizen_meaning=f"Pour vous, la promesse {number} change les choses.",
                    evidence=f"Preuve publique {number}.",
                    official_reference=f"Article {number}",
                    easy_read_text=f"Promesse facile {number}." if number % 2 else "",
                    pictogram=pictograms[number % len(pictograms)] if pictograms else None,
                    pictogram_alt=f"Pictogramme {number}" if pictograms else "",
                )
            )
        chapter.commitments = items
        chapters.append(chapter)
    page.chapters = chapters
    page.reciprocal_commitments = [
        ReciprocalCommitment(title="Respecter les autres", description="Écouter chaque avis.", sort_order=0),
        ReciprocalCommitment(title="Argumenter", description="Dire pourquoi.", sort_order=1),
    ]
    page.editions = [
        CharterEdition(name="Édition 2016", date=datetime.date(2016, 12, 2), summary="<p>Première charte.</p>"),
        CharterEdition(name="Édition 2021", date=datetime.date(2021, 6, 28), summary="<p>Cinq axes.</p>"),
    ]
    return publish_child(home, page)


@pytest.fixture
def charter(home_page):
    return build_charter(home_page)


@pytest.fixture
def glossary(locales):
    return [
        GlossaryTerm.objects.create(
            term="concertation", definition="Un temps où la Métropole demande votre avis.", locale=locales["fr"]
        ),
        GlossaryTerm.objects.create(
            term="indicateur", definition="Un chiffre qui montre si la promesse est tenue.", locale=locales["fr"]
        ),
    ]


def translate_string(source, locale, text, translated):
    string = String.objects.get(data=text, locale=source.locale)
    segment = StringSegment.objects.filter(source=source, string=string).first()
    StringTranslation.objects.update_or_create(
        translation_of=string, locale=locale, context=segment.context, defaults={"data": translated}
    )


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """Synchronise `page`'s translation into `locale` as the "Sync translated pages" action does, publishing it
    (wagtail-localize publishes on transaction commit)."""

    def sync_page(page, locale, translations=()):
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        for text, translated in translations:
            translate_string(source, locale, text, translated)
        with django_capture_on_commit_callbacks(execute=True):
            source.create_or_update_translation(locale, publish=True, fallback=True)
        return page.get_translation(locale).specific

    return sync_page

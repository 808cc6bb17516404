"""Charter fixtures: a published French charter, a glossary, and its translations synchronised."""

import pytest
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationSource

from charter_pages.models import GlossaryTerm
from tests.factories import CharterPageFactory


@pytest.fixture
def charter(home_page):
    return CharterPageFactory(parent=home_page)


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

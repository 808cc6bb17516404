"""Charter commitments are linked both ways; wagtail-localize translates a consultation with its records."""

import datetime

from wagtail_localize.models import TranslationSource

from charter_pages.models import Commitment
from consultations.models import ConsultationEvent
from tests.factories import CharterPageFactory, ConsultationPageFactory, ConsultationReportPageFactory, at


def test_consultation_links_to_the_commitments_it_applies_and_back(client, home_page, index_page):
    CharterPageFactory(parent=home_page, commitments_per_chapter=(2, 2))
    consultation = ConsultationPageFactory(
        parent=index_page, slug="plan-marche", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    )
    chosen = list(Commitment.objects.filter(number__in=[3, 1]))
    consultation.commitments.set(chosen)
    consultation.save_revision().publish()

    html = client.get(consultation.url).content.decode()
    section = html.split('id="commitments-title"')[1].split("</section>")[0]
    assert "Les engagements de la charte que cette concertation applique" in html
    for commitment in sorted(chosen, key=lambda item: item.number):
        assert f'<a href="{commitment.get_url()}">{commitment}</a>' in section
    assert section.index("1. Engagement numéro 1") < section.index("3. Engagement numéro 3")
    assert list(Commitment.objects.get(number=1).consultation_pages.all()) == [consultation]


def test_wagtail_localize_translates_a_consultation_with_its_records(index_page, home_page_en, locales, translate_page):
    translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
    consultation = ConsultationPageFactory(
        parent=index_page,
        slug="plan-marche",
        phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))],
        events=[{"title": "Forum ouvert", "start": at(2026, 1, 10), "end": at(2026, 1, 10, 20), "address": "Exemple"}],
    )
    report = ConsultationReportPageFactory(
        parent=consultation,
        responses=[{"proposal": "Des bancs", "channel": "online", "decision": "not_kept", "reason": "Pas la place."}],
    )
    for page in (consultation, report):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        source.create_or_update_translation(locales["en"], fallback=True)
    english = consultation.get_translation(locales["en"]).specific
    assert english.phases.get().locale == locales["en"]
    event = english.events.get()
    assert event.title == "Forum ouvert" and event.kind == ConsultationEvent.PUBLIC_MEETING
    assert event.translation_key == consultation.events.get().translation_key
    english_report = report.get_translation(locales["en"]).specific
    assert english_report.responses.get().locale == locales["en"]
    assert english_report.responses.get().reason == "Pas la place."  # awaiting its translation


def test_a_translation_shows_and_filters_its_own_territories(client, index_page, home_page_en, locales, translate_page):
    from consultations.models import Territory

    french = Territory.objects.create(name="Secteur nord", slug="secteur-nord", locale=locales["fr"])
    english = french.copy_for_translation(locales["en"])
    english.name = "North area"
    english.save()
    english_index = translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
    consultation = ConsultationPageFactory(
        parent=index_page, slug="berges", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    )
    consultation.territories.set([french])
    consultation.save_revision().publish()
    translated = translate_page(consultation, locales["en"], title="Canal banks")
    assert list(translated.territories.all()) == [french]  # copied as is, as wagtail-localize does

    page_text = client.get(translated.url).content.decode()
    assert "North area" in page_text and "Secteur nord" not in page_text
    listing = client.get(english_index.url + "?territory=secteur-nord").content.decode()
    assert "1 consultation found" in listing
    assert '<option value="secteur-nord" selected>North area</option>' in listing


def test_an_untranslated_territory_or_commitment_is_marked_french_on_the_english_page(
    client, index_page, home_page_en, locales, translate_page
):
    from consultations.models import Territory

    north = Territory.objects.create(name="Secteur nord", slug="secteur-nord", locale=locales["fr"])
    south = Territory.objects.create(name="Secteur sud", slug="secteur-sud", locale=locales["fr"])
    english = north.copy_for_translation(locales["en"])
    english.name = "North area"
    english.save()
    english_index = translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
    consultation = ConsultationPageFactory(
        parent=index_page, slug="berges", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    )
    consultation.territories.set([north, south])
    consultation.save_revision().publish()
    translated = translate_page(consultation, locales["en"], title="Canal banks")
    notice = (
        '<span class="original-language-notice">(Not yet translated: shown in its original language, French.)</span>'
    )
    marked = f'<span lang="fr">Secteur sud</span> {notice}'
    page = client.get(translated.url).content.decode()
    assert f"North area, {marked}" in page
    card = client.get(english_index.url).content.decode()
    assert f"North area, {marked}" in card
    french = client.get(consultation.url).content.decode()
    assert "Secteur nord, Secteur sud" in french and "original-language-notice" not in french

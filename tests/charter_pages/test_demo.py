"""The demo charter in its three languages: the Dutch translation made through wagtail-localize like the English one,
every commitment translated under the French number, the easy-to-read version and the glossary in Dutch, and the
three languages agreeing on what each commitment's rule says."""

import pytest
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from charter_pages import demo_content as charter_demo
from charter_pages.models import CharterPage, Commitment, GlossaryTerm
from charter_pages.rules import VERDICT_LABELS, measure_commitments
from site_core import demo
from tests.languages import french_left_in, text_in_language

LANGUAGES = ("fr", "en", "nl")
COMMITMENT_TEXTS = ("title", "promise", "citizen_meaning", "evidence", "official_reference", "easy_read_text")


def demo_charters():
    return {code: CharterPage.objects.live().get(locale__language_code=code) for code in LANGUAGES}


def commitments_of(page):
    return {commitment.number: commitment for commitment in Commitment.objects.filter(chapter__page=page)}


def french_texts():
    """The French texts of the demo charter whose Dutch translation differs (names kept as they are left out)."""
    data = demo.load_data(charter_demo.DATA)
    return [french for french, dutch in charter_demo.translated_texts(data, "nl").items() if french != dutch]


def test_the_demo_charter_is_live_in_dutch_with_every_commitment_under_its_french_number(demo_site):
    pages = demo_charters()
    french, dutch = pages["fr"], pages["nl"]
    assert dutch.translation_key == french.translation_key
    assert dutch.url == "/nl/handvest/" and dutch.title == "Handvest voor burgerparticipatie"
    # Made by wagtail-localize from the French source, as the English one.
    source = TranslationSource.objects.get(object_id=french.translation_key, locale=french.locale)
    strings = StringSegment.objects.filter(source=source).values("string")
    for code in ("en", "nl"):
        translated = StringTranslation.objects.filter(translation_of__in=strings, locale__language_code=code)
        assert translated.count() > 14 * len(COMMITMENT_TEXTS), code
    numbers = {code: sorted(commitments_of(page)) for code, page in pages.items()}
    assert numbers["nl"] == numbers["fr"] == numbers["en"] == list(range(1, 15))
    sources = commitments_of(french)
    for number, commitment in commitments_of(dutch).items():
        assert commitment.translation_key == sources[number].translation_key
        for name in COMMITMENT_TEXTS:
            assert getattr(commitment, name) != getattr(sources[number], name), (number, name)
        assert commitment.measure_rule == sources[number].measure_rule
    assert dutch.reciprocal_commitments.count() == french.reciprocal_commitments.count() == 4
    terms = GlossaryTerm.objects.filter(locale=dutch.locale)
    assert terms.count() == GlossaryTerm.objects.filter(locale=french.locale).count() == 9
    assert {"inspraakproces", "verslag", "metropoolraad"} <= set(terms.values_list("term", flat=True))


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/nl/handvest/", "Waartoe wij ons verbinden"),
        ("/nl/handvest/eenvoudig/", "Wat wij u beloven"),
        ("/nl/handvest/engagementen/8/", "Op elk voorstel antwoorden"),
        ("/nl/handvest/afdrukken/", "Wat wij van deelnemers vragen"),
    ],
)
def test_the_dutch_charter_pages_read_in_dutch(demo_site, client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    dutch = text_in_language(html, "nl")
    assert heading in dutch
    assert french_left_in(dutch) == []
    for text in french_texts():
        assert text not in dutch, text


def test_the_easy_to_read_version_speaks_dutch_with_its_pictograms_described(demo_site, client):
    html = client.get("/nl/handvest/eenvoudig/").content.decode()
    dutch = text_in_language(html, "nl")
    assert "De Métropole neemt beslissingen voor uw stad." in dutch
    assert "Wij laten het u 3 weken vooraf weten." in dutch
    assert 'alt="Een kalender"' in html


def test_the_three_languages_measure_each_commitment_alike(demo_site, client):
    """The rule of each commitment counts every consultation once whatever its language: the verdicts, and their
    figures, are the same on the French, English and Dutch charters."""
    measures = {}
    for code, page in demo_charters().items():
        commitments = list(Commitment.objects.filter(chapter__page=page))
        computed = measure_commitments(commitments)
        measures[code] = {
            commitment.number: (computed[commitment.pk].verdict, computed[commitment.pk].passed)
            + (computed[commitment.pk].counted, computed[commitment.pk].applied)
            for commitment in commitments
        }
    assert measures["nl"] == measures["fr"] == measures["en"]
    # The Dutch commitment pages say it in Dutch.
    for number, (verdict, *_figures) in measures["nl"].items():
        with translation.override("nl"):
            label = str(VERDICT_LABELS[verdict])
        assert label in text_in_language(client.get(f"/nl/handvest/engagementen/{number}/").content.decode(), "nl")


def test_the_charter_says_the_same_commitments_are_not_yet_applied_in_every_language(demo_site, client):
    not_yet = {}
    for code, page in demo_charters().items():
        with translation.override(code):
            phrase = translation.gettext("not yet applied by a published consultation")
        not_yet[code] = text_in_language(client.get(page.url).content.decode(), code).count(phrase)
    assert not_yet["nl"] == not_yet["en"] == not_yet["fr"]

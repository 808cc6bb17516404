"""The demo reads as a plausible authority's site: a fictional name, its logo in the header read as that name, a
contact block that reaches nobody (a telephone number in ARCEP's range for fiction, a reserved `.example` domain),
and one line in every page's footer, in each language, saying that it is a demonstration."""

import io
import re

import pypdf
from PIL import Image as PILImage
from wagtail.documents import get_document_model

from site_core.models import HomePage, SiteSettings
from tests.utils import visible_text

AUTHORITY = "Métropole du Val de Marque"
DEMO_LINES = {
    "fr": "Site de démonstration : l'autorité, ses documents et ses contributions sont fictifs.",
    "en": "Demonstration site: the authority, its documents and its contributions are fictional.",
    "nl": "Demonstratiesite: de overheid, haar documenten en haar bijdragen zijn fictief.",
}
# ARCEP keeps 03 53 20 00 00 to 03 53 20 99 99 for works of fiction (decision 2019-0263 and its annex).
FICTION_PHONE = re.compile(r"03 53 20 \d\d \d\d")


def brand_link(html):
    [link] = re.findall(r'<a href="[^"]*" class="site-brand__link">(.*?)</a>', html, flags=re.S)
    return link


def test_the_header_shows_the_authoritys_logo_read_as_its_name(demo_site, client):
    settings = SiteSettings.objects.select_related("logo").get()
    assert settings.organisation_name == AUTHORITY and settings.logo is not None
    with settings.logo.open_file() as file, PILImage.open(file) as picture:
        assert picture.format == "PNG" and picture.size == (224, 224)  # twice the header's 56 px
    for home in HomePage.objects.filter(depth=2):
        link = brand_link(client.get(home.url).content.decode())
        [image] = re.findall(r"<img [^>]*>", link)
        # The image says nothing (alt=""): the link is read as the name that follows it, once.
        assert 'alt=""' in image and 'class="site-brand__logo"' in image and 'height="112"' in image
        assert re.sub(r"<[^>]+>", " ", link).split()[: len(AUTHORITY.split())] == AUTHORITY.split()


def test_the_contact_block_reaches_nobody_real(demo_site, client):
    settings = SiteSettings.objects.get()
    assert FICTION_PHONE.fullmatch(settings.contact_phone)
    assert settings.contact_email.endswith(".example") and settings.opening_hours
    text = visible_text(client.get("/fr/"))
    assert f"Téléphone : {settings.contact_phone}" in text
    assert "Hôtel de la Métropole 1 place de la Concertation 59000 Marquenval" in text
    assert "Horaires d'ouverture : Du lundi au vendredi, de 8 h 30 à 17 h 30" in text
    legal = visible_text(client.get("/fr/mentions-legales/"))
    for phone in re.findall(r"\b0\d(?: \d\d){4}\b", legal):
        assert FICTION_PHONE.fullmatch(phone), phone
    assert "Exemple" not in text + legal and "fictive" not in text + legal


def test_every_page_says_once_in_its_language_that_the_site_is_a_demonstration(demo_site, client):
    pages = {
        "fr": ["/fr/", "/fr/concertations/reseau-express-velo/", "/fr/label-citoyen/"],
        "en": ["/en/", "/en/consultations/express-cycle-network/"],
        "nl": ["/nl/"],
    }
    for language, urls in pages.items():
        for url in urls:
            html = client.get(url).content.decode()
            footer = html[html.index('<footer class="site-footer">') :]
            assert html.count(DEMO_LINES[language]) == 1 and DEMO_LINES[language] in footer, url
            others = [line for code, line in DEMO_LINES.items() if code != language]
            assert not any(line in html for line in others), url


def test_the_demos_official_documents_are_printed_acts_and_reports_that_never_say_they_are_fictional(demo_site):
    printed = {
        "Schéma pluriannuel d'accessibilité numérique 2025-2027": ["1. Objet", "Formulaires : tous les formulaires"],
        "Charte de la participation citoyenne - texte voté le 2 décembre 2016": ["Vu le code", "Article 1er"],
        "Analyse des contributions – réseau express vélo": ["1. Méthode", "Ligne 2 (canal) : 401 contributions"],
    }
    documents = get_document_model().objects.all()
    assert set(printed) <= {document.title for document in documents}
    for document in documents:
        with document.open_file() as file:
            reader = pypdf.PdfReader(io.BytesIO(file.read()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert "fictive" not in text and "Exemple" not in text, document.title
        if document.title in printed:
            assert len(reader.pages) >= 2 and AUTHORITY in text, document.title
            assert all(passage in text for passage in printed[document.title]), document.title

"""The editor's side of a citizens' panel, as a department editor does it in the admin: create the panel, register
volunteers one by one or from a spreadsheet (a wrong line named by sheet, line and column, nothing registered),
see the seats per stratum, publish the list once, type the seed in the draw's page, erase names and contacts. An
editor without rights on the consultation reaches none of it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from consultations.citizens_panels.models import CitizensPanel, PanelVolunteer
from consultations.models import RandomDraw
from tests.consultations.citizens_panels.conftest import CRITERIA
from tests.consultations.spreadsheet.conftest import make_editor
from tests.factories import ConsultationPageFactory
from tests.utils import visible_text

BASE = "/admin/consultations/citizens-panels/"


@pytest.fixture
def editor_client(client, django_user_model, consultation):
    client.force_login(make_editor(django_user_model, "agent-alimentation", [consultation]))
    return client


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Volontaires"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, panel, content, name):
    return client.post(
        f"{BASE}{panel.pk}/volunteers/import/", {"spreadsheet": SimpleUploadedFile(name, content)}, follow=True
    )


def test_a_department_editor_creates_a_panel_and_sees_its_seats_per_stratum(editor_client, consultation):
    response = editor_client.post(
        f"{BASE}add/",
        {
            "consultation": consultation.pk,
            "title": "Les 24 membres du panel",
            "method": "Lettres et stands.",
            "criteria": CRITERIA,
            "seats": 24,
            "seed_source": "Dix dés lancés en séance.",
        },
        follow=True,
    )
    panel = CitizensPanel.objects.get()
    assert response.redirect_chain[-1][0] == f"{BASE}{panel.pk}/"
    text = visible_text(response)
    assert "Panel créé : inscrivez ses volontaires, puis publiez la liste." in text
    assert "Sièges par strate" in text and "60 ans et plus Homme 3 0 — 3 manquants" in text


def test_criteria_that_cannot_be_read_are_refused_naming_the_line_and_keeping_what_was_typed(
    editor_client, consultation
):
    typed = "Tranche d'âge : 16-29 (22), 30-44\nGenre : Femme, Homme"
    response = editor_client.post(
        f"{BASE}add/",
        {"consultation": consultation.pk, "title": "Panel", "method": "m", "criteria": typed, "seats": 24},
    )
    assert response.status_code == 200 and not CitizensPanel.objects.exists()
    html = response.content.decode()
    assert "Ligne 1 : donnez une part à chaque valeur du critère, ou à aucune." in html
    assert "Tranche d&#x27;âge : 16-29 (22), 30-44" in html, "what was typed is kept"
    assert "Champ requis." in html, "the missing seed source is named"


def test_an_agent_registers_a_volunteer_with_values_from_the_panel_s_vocabulary(editor_client, panel):
    response = editor_client.post(
        f"{BASE}{panel.pk}/volunteers/add/",
        {"full_name": "Nadia Haddad", "contact": "06 12 34 56 78", "criterion_0": "30-44 ans", "criterion_1": "Femme"},
        follow=True,
    )
    assert "Volontaire inscrit sous le numéro V-0001." in visible_text(response)
    volunteer = panel.volunteers.get()
    assert (volunteer.entry, volunteer.source) == ("V-0001 | 30-44 ans | Femme", PanelVolunteer.OFFLINE)
    refused = editor_client.post(
        f"{BASE}{panel.pk}/volunteers/add/",
        {"full_name": "Marc Leroy", "contact": "", "criterion_0": "12-15 ans", "criterion_1": "Homme"},
    )
    assert refused.status_code == 400 and panel.volunteers.count() == 1
    assert 'value="Marc Leroy"' in refused.content.decode(), "what was typed is kept"


def test_a_spreadsheet_registers_every_volunteer_in_its_order(editor_client, panel):
    content = xlsx(
        [
            ["Nom", "Courriel", "Tranche d'âge", "Genre"],
            ["Camille Dubois", "camille@courriel.invalid", "16-29 ans", "femme"],
            [None, None, None, None],
            ["Louis Martin", "", "60 ANS ET PLUS", "Homme"],
        ]
    )
    response = upload(editor_client, panel, content, "volontaires.xlsx")
    assert "Importé depuis « volontaires.xlsx » : 2 volontaires inscrits, de V-0001 à V-0002." in visible_text(response)
    assert [v.entry for v in panel.volunteers.all()] == [
        "V-0001 | 16-29 ans | Femme",
        "V-0002 | 60 ans et plus | Homme",
    ]
    csv = "Nom;Tranche d'âge;Genre\nInès Diallo;45-59 ans;Femme\n".encode("cp1252")
    upload(editor_client, panel, csv, "suite.csv")
    assert panel.volunteers.last().entry == "V-0003 | 45-59 ans | Femme"
    assert panel.volunteers.last().source == PanelVolunteer.IMPORTED


def test_a_wrong_line_is_named_by_sheet_line_and_column_and_nothing_is_registered(editor_client, panel):
    content = xlsx(
        [
            ["Nom", "Tranche d'âge", "Genre"],
            ["Camille Dubois", "16-29 ans", "Femme"],
            ["Louis Martin", "70 ans", "Homme"],
            ["", "30-44 ans", "Homme"],
        ]
    )
    response = upload(editor_client, panel, content, "volontaires.xlsx")
    text = visible_text(response)
    assert response.status_code == 400 and not panel.volunteers.exists()
    assert "Le fichier a 2 problèmes : personne n'a été inscrit." in text
    assert (
        "Feuille « Volontaires », ligne 3, colonne B (Tranche d'âge) : « 70 ans » n'est pas une valeur de « Tranche "
        "d'âge » : écrivez l'une de ces valeurs : 16-29 ans, 30-44 ans, 45-59 ans, 60 ans et plus." in text
    )
    assert "Feuille « Volontaires », ligne 4, colonne A (Nom) : Le nom est vide." in text
    missing = upload(editor_client, panel, xlsx([["Nom", "Genre"], ["Louis", "Homme"]]), "v.xlsx")
    assert "Feuille « Volontaires », ligne 1 : Pas de colonne « Tranche d'âge »" in visible_text(missing)
    garbage = upload(editor_client, panel, b"\x00\x01\x02", "v.xlsx")
    assert garbage.status_code == 400 and "ni un .xlsx ni un .csv" in visible_text(garbage)
    assert not panel.volunteers.exists()


def test_the_list_is_published_once_then_drawn_in_the_draw_s_page_then_names_are_erased(editor_client, panel):
    for number in range(12):
        panel.add_volunteer(f"Personne {number}", "", ["30-44 ans", "Femme" if number % 2 else "Homme"], "offline")
    response = editor_client.post(f"{BASE}{panel.pk}/publish/", follow=True)
    assert "Liste publiée avec son empreinte" in visible_text(response)
    panel.refresh_from_db()
    draw = panel.draw
    assert draw.is_stratified and draw.count == 6 and draw.seats == 24, "30-44 only: 3 women and 3 men seated"
    assert draw.population[0] == "V-0001 | 30-44 ans | Homme"
    again = editor_client.post(f"{BASE}{panel.pk}/publish/", follow=True)
    assert "déjà publiée" in visible_text(again) and RandomDraw.objects.count() == 1
    late = editor_client.post(
        f"{BASE}{panel.pk}/volunteers/add/",
        {"full_name": "Retardataire", "contact": "", "criterion_0": "30-44 ans", "criterion_1": "Femme"},
        follow=True,
    )
    assert "plus aucun volontaire ne peut être ajouté" in visible_text(late) and panel.volunteers.count() == 12
    assert "Modifier les critères" not in visible_text(editor_client.get(f"{BASE}{panel.pk}/"))

    draw.list_published_at = draw.list_published_at.replace(year=draw.list_published_at.year - 1)
    RandomDraw.objects.filter(pk=draw.pk).update(list_published_at=draw.list_published_at)
    empty = editor_client.post(f"{BASE}{panel.pk}/draw/", {"seed": "  "})
    assert empty.status_code == 400 and "Champ requis." in empty.content.decode()
    drawn = editor_client.post(f"{BASE}{panel.pk}/draw/", {"seed": "2-4-6"}, follow=True)
    assert "Panel tiré" in visible_text(drawn)
    draw.refresh_from_db()
    assert draw.performed_by == "agent-alimentation"
    assert draw.is_drawn and draw.is_verified and len(draw.result) == 6

    erased = editor_client.post(f"{BASE}{panel.pk}/erase/", follow=True)
    assert "Noms et coordonnées effacés" in visible_text(erased)
    assert set(panel.volunteers.values_list("full_name", flat=True)) == {""}
    assert panel.volunteers.count() == 12, "the numbers and strata stay, as the draw published them"


def test_names_cannot_be_erased_before_the_draw(editor_client, panel):
    panel.add_volunteer("Anne Leroy", "", ["30-44 ans", "Femme"], "offline")
    response = editor_client.post(f"{BASE}{panel.pk}/erase/", follow=True)
    assert "une fois le panel tiré" in visible_text(response)
    assert panel.volunteers.get().full_name == "Anne Leroy"


def test_an_editor_without_rights_on_the_consultation_reaches_none_of_it(client, django_user_model, panel, index_page):
    other = ConsultationPageFactory(parent=index_page, slug="autre")
    client.force_login(make_editor(django_user_model, "agent-autre", [other]))
    assert client.get(BASE).status_code == 200
    assert panel.title not in client.get(BASE).content.decode()
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    for url in ("", "edit/"):
        assert client.get(f"{BASE}{panel.pk}/{url}").url == "/admin/"
    for url in ("volunteers/add/", "volunteers/import/", "publish/", "draw/", "erase/"):
        assert client.post(f"{BASE}{panel.pk}/{url}").url == "/admin/"
    assert not panel.volunteers.exists() and panel.draw is None
    create = client.post(f"{BASE}add/", {"consultation": panel.consultation.pk, "title": "x"})
    assert create.status_code == 200 and CitizensPanel.objects.count() == 1, "not a consultation they may edit"

"""The spreadsheet round trip as an editor does it in the admin: export, fill in, check (dry run), confirm; and what
it refuses: a malformed file writes nothing, another editor's check cannot be confirmed, an editor who may not edit
the consultation reaches none of it."""

import csv
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import Contribution, SharedAnswer
from consultations.spreadsheet.models import SpreadsheetUpload
from tests.consultations.spreadsheet.conftest import HEADERS, make_editor, row, sheet_rows, workbook
from tests.factories import ContributionFactory, SharedAnswerFactory
from tests.utils import visible_text

GARE = "Atelier de la gare"


def page_url(consultation, name="consultation"):
    return reverse(f"consultations_spreadsheet:{name}", args=[consultation.pk])


def upload(client, consultation, content, name="contributions.xlsx"):
    return client.post(page_url(consultation), {"spreadsheet": SimpleUploadedFile(name, content)})


def token_of(response):
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return found.group(1) if found else None


def records(consultation):
    return sorted(
        Contribution.objects.filter(consultation=consultation).values_list(
            "reference", "channel", "event__title", "submitted_on", "title", "body", "theme__name", "decidim_url",
            "decision", "reason", "shared_answer__title",
        )
    )  # fmt: skip


@pytest.fixture
def answered(consultation):
    """Contributions of every kind: online and in person at the workshop, themed, answered alone or by a shared
    answer, unanswered, with texts a spreadsheet could take for a formula."""
    shared = SharedAnswerFactory(consultation=consultation, title="Stationnement")
    event = consultation.events.get()
    velo = consultation.themes.get(name="vélo")
    ContributionFactory(consultation=consultation, reference="PM-0001", decision="kept", theme=velo)
    ContributionFactory(
        consultation=consultation,
        reference="PM-0002",
        decision="not_kept",
        reason="La rue est trop étroite ;\nune piste y serait dangereuse.",
        decidim_url="https://participer.example.org/processes/plan-velo/f/3/proposals/2",
    )
    ContributionFactory(consultation=consultation, reference="PM-0003", decision="out_of_scope", shared_answer=shared)
    ContributionFactory(
        consultation=consultation,
        reference="AT-001",
        channel="in_person",
        event=event,
        title="=SOMME(A1:A9)",
        body="-Plus de bancs près de l’école.",
    )
    return consultation


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(editor_client, answered, extension):
    before = records(answered)
    exported = editor_client.get(page_url(answered, f"export_{extension}"))
    assert exported.status_code == 200
    assert exported["Content-Disposition"] == f'attachment; filename="contributions-plan-velo.{extension}"'
    response = upload(editor_client, answered, exported.content, f"contributions.{extension}")
    assert "Le fichier ne change rien" in visible_text(response)
    assert token_of(response) is None
    assert records(answered) == before
    assert not SpreadsheetUpload.objects.exists()


def test_the_xlsx_export_holds_a_row_per_contribution_a_decision_list_and_how_to_fill_it_in(editor_client, answered):
    content = editor_client.get(page_url(answered, "export_xlsx")).content
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Contributions", "Mode d’emploi", "Réponses communes"]
    rows = sheet_rows(content)
    assert rows[0] == HEADERS
    assert [cells[0] for cells in rows[1:]] == ["AT-001", "PM-0001", "PM-0002", "PM-0003"]
    assert rows[1][1:6] == ["en personne", GARE, datetime.datetime(2025, 3, 15), "=SOMME(A1:A9)", rows[1][5]]
    assert book["Contributions"]["E2"].data_type == "s"  # a citizen's "=…" stays text
    assert rows[2][6] == "vélo" and rows[2][8] == "retenue"
    assert rows[4][8:] == ["hors sujet", None, "Stationnement"]
    decisions = [v for v in book["Contributions"].data_validations.dataValidation if "I2" in str(v.sqref)]
    assert decisions[0].formula1 == '"retenue,adaptée,non retenue,hors sujet,encore à l’étude"'
    assert sheet_rows(content, 2)[1] == ["Stationnement", SharedAnswer.objects.get().text]
    how_to = [cell for line in sheet_rows(content, 1) for cell in line if cell]
    assert "Décision (decision)" in how_to
    assert any("« retenue », « adaptée », « non retenue », « hors sujet », « encore à l’étude »" in c for c in how_to)


def test_the_csv_export_is_for_french_excel(editor_client, answered):
    content = editor_client.get(page_url(answered, "export_csv")).content
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == [*HEADERS, "Texte de la réponse commune (shared_answer_text)"]
    assert lines[1][:6] == [
        "AT-001",
        "en personne",
        GARE,
        "15/03/2025",
        "'=SOMME(A1:A9)",
        "'-Plus de bancs près de l’école.",
    ]
    assert lines[4][-1] == SharedAnswer.objects.get().text


def test_a_filled_in_file_is_checked_then_imported_in_one_go(editor_client, answered, django_assert_max_num_queries):
    rows = sheet_rows(editor_client.get(page_url(answered, "export_xlsx")).content)
    rows[1][8:10] = ["adaptée", "Deux bancs seront posés, pas davantage : le trottoir est étroit."]
    rows[3][8:11] = ["Hors-sujet", "", "Voirie"]
    rows.append(row("AT-002", channel="en personne", event=GARE, title="Un abri vélo", text="Noté sur le panneau."))
    shared = [["Stationnement", SharedAnswer.objects.get().text], ["Voirie", "La voirie relève du plan voté en juin."]]
    response = upload(editor_client, answered, workbook(rows[1:], shared=shared))
    text = visible_text(response)
    assert "Contributions nouvelles : 1 ; contributions modifiées : 2 ; réponses communes nouvelles : 1." in text
    assert "AT-001 Décision — adaptée" in text
    assert "PM-0002 Décision non retenue hors sujet" in text
    assert "PM-0002 Réponse commune — Voirie" in text
    assert "AT-002 Nouvelle contribution — Un abri vélo" in text
    assert Contribution.objects.get(reference="AT-001").decision == ""  # a dry run writes nothing
    with django_assert_max_num_queries(30):
        confirmed = editor_client.post(page_url(answered, "import"), {"token": token_of(response)})
    confirmed = editor_client.get(confirmed.url)
    assert "Contributions nouvelles : 1 ; contributions modifiées : 2" in visible_text(confirmed)
    added = Contribution.objects.get(reference="AT-002")
    assert (added.channel, added.event.title, added.consultation, added.language) == ("in_person", GARE, answered, "fr")
    changed = Contribution.objects.get(reference="PM-0002")
    assert (changed.decision, changed.reason, changed.shared_answer.text) == (
        "out_of_scope",
        "",
        "La voirie relève du plan voté en juin.",
    )
    assert changed.answered_on == datetime.date.today()
    assert not SpreadsheetUpload.objects.exists()


def test_five_hundred_contributions_answered_through_one_file(
    editor_client, consultation, django_assert_max_num_queries
):
    Contribution.objects.bulk_create(
        ContributionFactory.build(consultation=consultation, reference=f"PM-{n:04d}") for n in range(500)
    )
    rows = sheet_rows(editor_client.get(page_url(consultation, "export_xlsx")).content)
    for n, cells in enumerate(rows[1:]):
        cells[8:10] = ["non retenue", f"Le tracé {n} traverse un espace protégé : il ne peut pas être retenu."]
    content = workbook(rows[1:])
    with django_assert_max_num_queries(30):
        response = upload(editor_client, consultation, content)
    text = visible_text(response)
    assert "contributions modifiées : 500" in text
    assert text.count("Décision — non retenue") == 500
    with django_assert_max_num_queries(30):
        editor_client.post(page_url(consultation, "import"), {"token": token_of(response)})
    assert Contribution.objects.filter(consultation=consultation, decision="not_kept").count() == 500
    assert Contribution.objects.get(reference="PM-0042").reason.startswith("Le tracé 42 ")


MALFORMED = [
    ([row("PM-0001", "retenu partiellement")], "ligne 2, colonne I (Décision) : « retenu partiellement » n’est pas"),
    ([row("PM-0001", "non retenue", "–")], "ligne 2, colonne J (Motif) : donnez la raison"),
    ([row("PM-0001"), row("PM-0001")], "ligne 3, colonne A (Référence) : la référence « PM-0001 » est déjà en ligne 2"),
    ([row("PM-0001", date="32/01/2025")], "ligne 2, colonne D (Date) : « 32/01/2025 » n’est pas une date"),
    (
        [row("PM-0001"), row("NEW-9", title="")],
        "ligne 3, colonne E (Titre) : la référence « NEW-9 » n’est pas une de cette concertation",
    ),
    ([row("PM-0001", "hors sujet", "", "Inconnue")], "ligne 2, colonne K (Réponse commune) : « Inconnue » n’est pas"),
    ([row("PM-0001", theme="climat")], "ligne 2, colonne G (Thème) : « climat » n’est pas un thème de cette"),
    ([row("PM-0001", event="Balade")], "ligne 2, colonne C (Rencontre) : « Balade » n’est pas une rencontre"),
]


@pytest.mark.parametrize(("rows", "expected"), MALFORMED)
def test_a_wrong_cell_is_named_and_nothing_is_written(editor_client, consultation, rows, expected):
    ContributionFactory(consultation=consultation, reference="PM-0001")
    before = records(consultation)
    response = upload(editor_client, consultation, workbook([*rows, row("PM-0500", "retenue")]))
    text = visible_text(response)
    assert "Le fichier a 1 problème : rien n’a été écrit." in text
    assert f"Feuille « Contributions », {expected}" in text
    assert token_of(response) is None
    assert records(consultation) == before
    assert not SpreadsheetUpload.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_writes_nothing(editor_client, consultation):
    response = upload(editor_client, consultation, b"%PDF-1.4\x00\x00binary", "bilan.pdf")
    assert response.status_code == 200
    assert "Feuille « bilan.pdf » : ce fichier n’est ni un .xlsx ni un .csv." in visible_text(response)
    assert not Contribution.objects.exists()


def test_many_problems_are_listed_up_to_a_cap(editor_client, consultation):
    response = upload(editor_client, consultation, workbook([row(f"PM-{n}", "bof") for n in range(60)]))
    text = visible_text(response)
    assert "Le fichier a 60 problèmes" in text
    assert text.count("n’est pas une décision connue") == 50
    assert "Et 10 problèmes de plus, listés une fois ceux-ci corrigés." in text


def test_the_import_checks_the_file_again_at_confirmation(editor_client, answered):
    rows = sheet_rows(editor_client.get(page_url(answered, "export_xlsx")).content)
    rows[2][8:10] = ["hors sujet", ""]
    rows[2][10] = "Stationnement"
    response = upload(editor_client, answered, workbook(rows[1:]))
    Contribution.objects.filter(shared_answer__title="Stationnement").update(shared_answer=None, reason="Déplacée.")
    SharedAnswer.objects.all().delete()  # meanwhile, another editor removes the shared answer the file names
    before = records(answered)
    confirmed = editor_client.post(page_url(answered, "import"), {"token": token_of(response)})
    assert "colonne K (Réponse commune) : « Stationnement » n’est pas une réponse commune" in visible_text(confirmed)
    assert records(answered) == before


def test_another_editors_check_cannot_be_confirmed(client, editor_client, answered, django_user_model):
    rows = sheet_rows(editor_client.get(page_url(answered, "export_xlsx")).content)
    rows[1][8:10] = ["adaptée", "Deux bancs seront posés."]
    token = token_of(upload(editor_client, answered, workbook(rows[1:])))
    colleague = make_editor(django_user_model, "collegue", [answered])
    client.force_login(colleague)
    response = client.post(page_url(answered, "import"), {"token": token}, follow=True)
    assert "Cette vérification n’est plus valable" in visible_text(response)
    assert Contribution.objects.get(reference="AT-001").decision == ""


def test_an_expired_check_cannot_be_confirmed(editor_client, answered, settings):
    rows = sheet_rows(editor_client.get(page_url(answered, "export_xlsx")).content)
    rows[1][8:10] = ["adaptée", "Deux bancs seront posés."]
    token = token_of(upload(editor_client, answered, workbook(rows[1:])))
    SpreadsheetUpload.objects.update(created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    editor_client.post(page_url(answered, "import"), {"token": token})
    assert Contribution.objects.get(reference="AT-001").decision == ""


def test_an_editor_who_may_not_edit_the_consultation_reaches_none_of_it(
    client, consultation, index_page, django_user_model
):
    from tests.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=index_page, slug="ecoles", title="Rues aux écoles")
    ContributionFactory(consultation=consultation, reference="PM-0001")
    client.force_login(make_editor(django_user_model, "agent-ecoles", [other]))
    listing = visible_text(client.get(reverse("consultations_spreadsheet:index")))
    assert "Rues aux écoles" in listing and "Plan vélo" not in listing
    # Wagtail's admin answers a refused page by sending the editor back to its dashboard with a message.
    refused = [client.get(page_url(consultation, name)) for name in ("consultation", "export_xlsx", "export_csv")]
    refused.append(upload(client, consultation, workbook([row("PM-0001", "retenue")])))
    refused.append(client.post(page_url(consultation, "import"), {"token": "x"}))
    assert [(response.status_code, response.url) for response in refused] == [(302, "/admin/")] * 5
    assert "Désolé, vous n'avez pas les autorisations" in visible_text(client.get("/admin/"))
    assert Contribution.objects.get().decision == ""


def test_the_consultation_editor_and_the_menu_lead_to_the_spreadsheet(editor_client, consultation):
    url = page_url(consultation)
    assert url in editor_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()
    assert (
        reverse("consultations_spreadsheet:index") in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_two_events_sharing_a_title_are_told_apart_by_their_date(editor_client, consultation):
    from consultations.models import ConsultationEvent
    from tests.factories import at

    second = ConsultationEvent.objects.create(
        page=consultation, title=GARE, start=at(2025, 4, 2), end=at(2025, 4, 2, 20), locale=consultation.locale
    )
    ContributionFactory(consultation=consultation, reference="AT-001", channel="in_person", event=second)
    exported = editor_client.get(page_url(consultation, "export_xlsx")).content
    assert sheet_rows(exported)[1][2] == f"{GARE} (02/04/2025)"
    assert "Le fichier ne change rien" in visible_text(upload(editor_client, consultation, exported))
    rows = sheet_rows(exported)
    rows[1][2] = f"{GARE} (12/03/2025)"
    response = upload(editor_client, consultation, workbook(rows[1:]))
    editor_client.post(page_url(consultation, "import"), {"token": token_of(response)})
    assert Contribution.objects.get().event.start == at(2025, 3, 12)

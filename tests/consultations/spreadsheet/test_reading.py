"""Reading a spreadsheet alone, from its bytes: the words it accepts, the separators of a CSV file, and every problem
named by sheet, line and column, in French as the admin shows it."""

import datetime

import pytest
from django.test import override_settings

from consultations.spreadsheet.reading import read
from tests.consultations.spreadsheet.conftest import HEADERS, row, workbook

pytestmark = pytest.mark.usefixtures("db")


def csv_file(lines, separator=";", encoding="utf-8-sig"):
    return "\r\n".join(separator.join(cells) for cells in lines).encode(encoding)


CSV_HEADER = [*HEADERS, "Texte de la réponse commune (shared_answer_text)"]


def csv_row(reference, decision="", reason="", shared="", shared_text=""):
    cells = row(reference, decision, reason, shared)
    cells[3] = "15/03/2025"
    return [*cells, shared_text]


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("retenue", "kept"),
        ("Retenue", "kept"),
        ("RETENU", "kept"),
        ("adaptée", "adapted"),
        ("Adaptee", "adapted"),
        ("non retenue", "not_kept"),
        ("Non-retenue", "not_kept"),
        ("hors sujet", "out_of_scope"),
        ("Hors-sujet", "out_of_scope"),
        ("encore à l'étude", "under_study"),
        ("Encore a l’etude", "under_study"),
        ("under_study", "under_study"),
        ("not kept", "not_kept"),
        ("niet overgenomen", "not_kept"),
    ],
)
def test_decision_words_in_french_any_case_or_accents_and_the_codes(word, code):
    reading = read(workbook([row("PM-0001", word, "Parce que la rue est trop étroite pour une piste.")]), "f.xlsx")
    assert reading.problems == []
    assert reading.rows[0].values["decision"] == code


def test_an_unknown_decision_word_is_named_with_sheet_line_column_and_the_accepted_words():
    reading = read(workbook([row("PM-0001", "retenue"), row("PM-0002", "retenu partiellement", "Voir plus bas.")]), "f")
    assert [str(problem) for problem in reading.problems] == [
        "Feuille « Contributions », ligne 3, colonne I (Décision) : « retenu partiellement » n’est pas une décision "
        "connue. Utilisez : « retenue », « adaptée », « non retenue », « hors sujet », « encore à l’étude »."
    ]


@pytest.mark.parametrize("reason", ["", "–", "-", "...", "n/a", "NC"])
def test_a_placeholder_reason_is_refused_where_one_is_owed(reason):
    reading = read(workbook([row("PM-0001", "non retenue", reason), row("PM-0002", "retenue", reason)]), "f.xlsx")
    assert [str(problem) for problem in reading.problems] == [
        "Feuille « Contributions », ligne 2, colonne J (Motif) : donnez la raison en une phrase complète, ou une "
        "réponse commune : une contribution adaptée, non retenue, hors sujet ou encore à l’étude doit être expliquée "
        "à la personne qui l’a faite."
    ]


def test_a_shared_answer_stands_for_the_reason():
    reading = read(workbook([row("PM-0001", "hors sujet", "", "Stationnement")]), "f.xlsx")
    assert reading.problems == []


def test_every_problem_is_listed_not_only_the_first():
    rows = [
        row("PM-0001", "peut-être", "Oui."),
        row("PM-0002", date="31/02/2025"),
        row("PM-0001"),
        row("PM 0003!", "adaptée", "–"),
        row("PM-0004", channel="pigeon voyageur", decidim_url="pas une adresse"),
    ]
    problems = [str(problem) for problem in read(workbook(rows), "velo.xlsx").problems]
    assert problems == [
        "Feuille « Contributions », ligne 2, colonne I (Décision) : « peut-être » n’est pas une décision connue. "
        "Utilisez : « retenue », « adaptée », « non retenue », « hors sujet », « encore à l’étude ».",
        "Feuille « Contributions », ligne 3, colonne D (Date) : « 31/02/2025 » n’est pas une date : écrivez-la "
        "JJ/MM/AAAA, par exemple 15/03/2025.",
        "Feuille « Contributions », ligne 4, colonne A (Référence) : la référence « PM-0001 » est déjà en ligne 2 : "
        "une ligne par contribution.",
        "Feuille « Contributions », ligne 5, colonne A (Référence) : « PM 0003! » n’est pas une référence : "
        "n’utilisez que des lettres, des chiffres, des points, des tirets ou des tirets bas.",
        "Feuille « Contributions », ligne 5, colonne J (Motif) : donnez la raison en une phrase complète, ou une "
        "réponse commune : une contribution adaptée, non retenue, hors sujet ou encore à l’étude doit être expliquée "
        "à la personne qui l’a faite.",
        "Feuille « Contributions », ligne 6, colonne B (Canal) : « pigeon voyageur » n’est pas un canal connu. "
        "Utilisez : « en ligne », « en personne », « courrier ou courriel », « autre ».",
        "Feuille « Contributions », ligne 6, colonne H (Adresse sur Decidim) : « pas une adresse » n’est pas une "
        "adresse web : copiez l’adresse de la proposition depuis Decidim, ou laissez la case vide.",
    ]


def test_a_date_in_the_future_is_refused():
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    problems = read(workbook([row("PM-0001", date=tomorrow)]), "f.xlsx").problems
    assert [(problem.line, problem.column) for problem in problems] == [(2, "D")]


def test_dates_as_typed_in_a_french_spreadsheet():
    dates = ["15/03/2025", "2025-03-15", "15-03-2025", "15.03.2025", datetime.datetime(2025, 3, 15, 0, 0)]
    reading = read(workbook([row(f"PM-{n}", date=date) for n, date in enumerate(dates)]), "f.xlsx")
    assert reading.problems == []
    assert {each.values["date"] for each in reading.rows} == {datetime.date(2025, 3, 15)}


def test_missing_and_repeated_columns_are_named_on_the_header_line():
    headers = [header for header in HEADERS if "decision" not in header]
    headers[1] = "Référence (reference)"
    problems = [str(problem) for problem in read(workbook([], headers=headers), "f.xlsx").problems]
    assert problems == [
        "Feuille « Contributions », ligne 1, colonne B (Référence) : la colonne « Référence (reference) » y est deux "
        "fois (aussi en colonne A).",
        "Feuille « Contributions », ligne 1 : la colonne « Canal (channel) » manque : gardez la ligne d’en-tête du "
        "fichier exporté.",
        "Feuille « Contributions », ligne 1 : la colonne « Décision (decision) » manque : gardez la ligne d’en-tête "
        "du fichier exporté.",
    ]


def test_headers_without_their_key_and_added_columns():
    headers = [header.split(" (")[0] for header in HEADERS] + ["Notes internes"]
    reading = read(workbook([row("PM-0001", "retenue") + ["à rappeler"]], headers=headers), "f.xlsx")
    assert reading.problems == []
    assert reading.notices == [
        "Feuille « Contributions », colonne L : « Notes internes » n’est pas une colonne de l’import, elle est laissée "
        "de côté."
    ]


def test_a_file_that_is_no_spreadsheet():
    for content, name in [(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "ancien.xls"), (b"PK\x03\x04broken", "f.xlsx")]:
        assert [str(problem) for problem in read(content, name).problems] == [
            f"Feuille « {name} » : ce fichier n’est ni un .xlsx ni un .csv. Dans le tableur, enregistrez-le en "
            "« Classeur Excel (.xlsx) » ou en « CSV » et téléversez-le à nouveau."
        ]


def test_a_text_file_with_other_headers():
    problems = read(b"nom;prenom\nDupont;Marie\n", "liste.csv").problems
    assert str(problems[0]) == (
        "Feuille « liste », ligne 1 : aucune feuille n’a la colonne « Référence (reference) » : téléversez le "
        "fichier donné par l’export, rempli."
    )


@override_settings(PACTE_SPREADSHEET_MAX_BYTES=2 * 2**20)
def test_too_big_a_file():
    problems = read(b"x" * (2 * 2**20 + 1), "gros.csv").problems
    assert [str(problem) for problem in problems] == ["Feuille « gros.csv » : le fichier dépasse 2 Mo."]


@override_settings(PACTE_SPREADSHEET_MAX_ROWS=3)
def test_too_many_rows():
    problems = read(workbook([row(f"PM-{n}") for n in range(4)]), "f.xlsx").problems
    assert [str(problem) for problem in problems] == [
        "Feuille « Contributions » : la feuille a plus de 3 lignes : répartissez-la en plusieurs fichiers."
    ]


def test_the_problem_list_is_capped_and_counts_the_rest():
    from consultations.spreadsheet.reading import listed

    problems = read(workbook([row(f"PM-{n}", "bof") for n in range(70)]), "f.xlsx").problems
    shown, more = listed(problems)
    assert (len(shown), more) == (50, 20)


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_csv_with_any_separator_a_spreadsheet_writes(separator):
    content = csv_file(
        [CSV_HEADER, csv_row("PM-0001", "retenue"), csv_row("PM-0002", "non retenue", "Hors du périmètre, hélas.")],
        separator,
    )
    reading = read(content, "contributions.csv")
    assert reading.problems == []
    assert [(each.values["reference"], each.values["decision"]) for each in reading.rows] == [
        ("PM-0001", "kept"),
        ("PM-0002", "not_kept"),
    ]


def test_csv_saved_by_french_excel_in_windows_1252():
    content = csv_file([CSV_HEADER, csv_row("PM-0001", "adaptée", "Réduite à la portion entre la gare et l’école.")])
    reading = read(content.decode("utf-8-sig").replace("’", "'").encode("cp1252"), "export.csv")
    assert reading.problems == []
    assert reading.rows[0].values["decision"] == "adapted"
    assert reading.rows[0].values["reason"] == "Réduite à la portion entre la gare et l'école."


def test_csv_problems_name_the_file_as_its_sheet():
    content = csv_file([CSV_HEADER, csv_row("PM-0001"), csv_row("PM-0002", "sans avis")])
    assert [(problem.sheet, problem.line, problem.column) for problem in read(content, "velo.csv").problems] == [
        ("velo", 3, "I")
    ]


def test_shared_answers_from_their_sheet_or_csv_column_must_agree():
    text = "Le stationnement relève du plan de circulation, voté en juin."
    reading = read(workbook([row("PM-0001", "hors sujet", "", "Stationnement")], shared=[["Stationnement", text]]), "f")
    assert reading.problems == []
    assert reading.shared["stationnement"][:2] == ("Stationnement", text)
    content = csv_file(
        [
            CSV_HEADER,
            csv_row("PM-0001", "hors sujet", "", "Stationnement", text),
            csv_row("PM-0002", "hors sujet", "", "Stationnement", "Autre chose, dit autrement."),
        ]
    )
    assert [(problem.line, problem.column) for problem in read(content, "f.csv").problems] == [(3, "L")]

"""Decidim results (accountability) and 0.30 process records: imported from small hand-written 0.28 and 0.30 exports,
kept in step on re-import, refused when malformed, and shown to citizens on the published report."""

import csv
import datetime
import io
import shutil
from decimal import Decimal

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.models import ConsultationReportPage
from tests.consultations.decidim.importing import DECIDIM_FILES, run_import
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory, translate
from tests.utils import visible_text

RESULTS = "p.example.org-open-data-results.csv"
PROCESSES = "p.example.org-open-data-participatory_processes.csv"


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="plan-velo", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    )


@pytest.fixture
def schools(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="ecoles", phases=[(datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))]
    )


def copy_export(folder, tmp_path, edit=None, name=RESULTS):
    """A copy of a fixture export, with `edit(text) -> text` applied to one of its files."""
    target = tmp_path / folder
    shutil.copytree(DECIDIM_FILES / folder, target)
    if edit:
        path = target / name
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def results_by_id(consultation):
    return {result.decidim_id: result for result in ImplementationResult.objects.filter(consultation=consultation)}


def proposal_ids(result):
    return sorted(result.proposals.values_list("decidim_id", flat=True))


def test_028_results_of_the_process_are_imported_with_sub_results_counted_in_their_parent(consultation):
    output = run_import(DECIDIM_FILES / "v028", consultation)
    results = results_by_id(consultation)
    assert sorted(results) == ["901", "903"]  # 902 is a sub-result of 901; 950 belongs to another process
    lane = results["901"]
    assert (lane.title, lane.title_language, lane.status, lane.status_language) == (
        "Piste cyclable des quais",
        "fr",
        "En cours",
        "fr",
    )
    assert lane.progress == Decimal("40.50")
    assert (lane.start_date, lane.end_date) == (datetime.date(2025, 10, 1), datetime.date(2026, 6, 30))
    assert lane.url == "https://p.example.org/processes/plan-velo/f/44/results/901"
    assert lane.sub_results == 1
    assert proposal_ids(lane) == ["101", "103"]  # 103 is linked to the sub-result 902
    racks = results["903"]
    # No French title: the English one is kept, with its language, so the page can mark it.
    assert (racks.title, racks.title_language, racks.status) == ("Bike racks near schools", "en", "Prévu")
    assert (racks.progress, racks.start_date, racks.end_date) == (None, None, None)
    assert proposal_ids(racks) == ["103"]
    assert "résultats : 2 ajoutés, 0 mis à jour, 0 inchangés" in output
    assert "résultat ajouté : Piste cyclable des quais" in output
    assert (
        "résultat 903 : 1 proposition liée ne fait pas partie des propositions de cette démarche" in output
    )  # 201 is elsewhere
    # Without a participatory_processes file (0.27-0.29) nothing is checked or recorded about the process.
    participation = OnlineParticipation.objects.get(consultation=consultation)
    assert (participation.process_title, participation.process_url) == ("", "")
    assert "démarche :" not in output


def test_re_import_is_idempotent(consultation):
    run_import(DECIDIM_FILES / "v028", consultation)
    before = {key: (result.pk, proposal_ids(result)) for key, result in results_by_id(consultation).items()}
    output = run_import(DECIDIM_FILES / "v028", consultation)
    after = {key: (result.pk, proposal_ids(result)) for key, result in results_by_id(consultation).items()}
    assert after == before
    assert "résultats : 0 ajoutés, 0 mis à jour, 2 inchangés" in output


def test_re_import_updates_changed_results_and_removes_vanished_ones(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)

    def progress_and_drop_903(text):
        text = text.replace(";In progress;40.5;", ";In progress;60.0;")
        return "\n".join(line for line in text.split("\n") if not line.startswith("903;")) + "\n"

    changed = copy_export("v028", tmp_path, progress_and_drop_903)
    output = run_import(changed, consultation)
    assert sorted(results_by_id(consultation)) == ["901", "903"]  # removed only once the editor confirms
    assert "résultat « Bike racks near schools »" in output
    output = run_import(changed, consultation, "--confirm-removal")
    results = results_by_id(consultation)
    assert sorted(results) == ["901"]
    assert results["901"].progress == Decimal("60.00")
    assert "Retirés (plus dans l'export) :\n  résultat « Bike racks near schools »" in output
    assert "résultats : 0 ajoutés, 0 mis à jour, 1 inchangés" in output


def test_an_export_without_results_file_leaves_the_results_alone(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)
    folder = copy_export("v028", tmp_path)
    (folder / RESULTS).unlink()
    output = run_import(folder, consultation)
    assert sorted(results_by_id(consultation)) == ["901", "903"]
    assert "Aucun fichier de résultats dans l'export : les résultats de mise en œuvre restent tels quels." in output


def test_dry_run_reports_result_changes_and_writes_nothing(consultation, tmp_path):
    output = run_import(DECIDIM_FILES / "v028", consultation, "--dry-run")
    assert "résultat ajouté : Piste cyclable des quais" in output
    assert not ImplementationResult.objects.exists()
    assert not OnlineParticipation.objects.exists()
    run_import(DECIDIM_FILES / "v028", consultation)
    changed = copy_export("v028", tmp_path, lambda text: text.replace(";In progress;40.5;", ";In progress;75.0;"))
    output = run_import(changed, consultation, "--dry-run")
    assert "résultat mis à jour : Piste cyclable des quais" in output
    assert results_by_id(consultation)["901"].progress == Decimal("40.50")


def test_030_checks_the_process_de_duplicates_its_rows_and_records_its_title(schools):
    output = run_import(DECIDIM_FILES / "v030", schools, process="ecoles")
    participation = OnlineParticipation.objects.get(consultation=schools)
    assert participation.process_title == "Rénovation des écoles : des cours oasis"
    assert participation.process_title_language == "fr"
    assert participation.process_url == "https://p.example.org/processes/ecoles"
    assert "démarche : Rénovation des écoles : des cours oasis (https://p.example.org/processes/ecoles)" in output
    assert "participatory_processes : 1 ligne répétée ignorée (même id)" in output
    (yards,) = ImplementationResult.objects.filter(consultation=schools)
    assert (yards.title, yards.status, yards.progress) == ("Végétaliser trois cours d'école", "En cours", Decimal(25))
    assert proposal_ids(yards) == ["301"]


def test_030_unknown_process_names_the_file_and_close_slugs_and_writes_nothing(schools):
    with pytest.raises(CommandError) as error:
        run_import(DECIDIM_FILES / "v030", schools, process="ecole")
    message = str(error.value)
    assert message.startswith(f"{PROCESSES} : aucune démarche participative n'a l'identifiant « ecole ».")
    assert "Identifiants proches : ecoles, ecoles-maternelles." in message
    assert "Rien n'a été importé" in message
    assert not OnlineParticipation.objects.exists()
    assert not ImportedProposal.objects.exists()
    assert not ImplementationResult.objects.exists()


def test_030_with_another_separator(schools, tmp_path):
    """Decidim 0.30 lets a platform choose its CSV separator: the whole export is read with --separator."""
    folder = tmp_path / "comma"
    folder.mkdir()
    for source in (DECIDIM_FILES / "v030").iterdir():
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"), newline=""), delimiter=";"))
        with (folder / source.name).open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=",", lineterminator="\n").writerows(rows)
    run_import(folder, schools, "--separator", ",", process="ecoles")
    assert OnlineParticipation.objects.get(consultation=schools).process_title.startswith("Rénovation des écoles")
    assert ImplementationResult.objects.filter(consultation=schools).count() == 1


def test_a_later_export_of_another_process_forgets_the_old_process_title(schools):
    run_import(DECIDIM_FILES / "v030", schools, process="ecoles")
    run_import(DECIDIM_FILES / "v028", schools, process="plan-velo")  # 0.28: no process file
    participation = OnlineParticipation.objects.get(consultation=schools)
    assert (participation.process_slug, participation.process_title, participation.process_url) == ("plan-velo", "", "")


def with_column_renamed(old, new):
    return lambda text: text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("folder", "name", "edit", "message"),
    [
        (
            "v028",
            RESULTS,
            with_column_renamed(";progress;", ";avancement;"),
            f"{RESULTS}, ligne 1, colonne « progress » : colonne obligatoire absente",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace(";", "|"),
            f"{RESULTS}, ligne 1 : les colonnes ne sont séparées ni par « ; », ni par « , », ni par une tabulation",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace(";In progress;40.5;", ";In progress;quarante;"),
            f"{RESULTS}, ligne 3, colonne « progress » : « quarante » n'est pas un pourcentage entre 0 et 100",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace(";Done;100.0;", ";Done;140;"),
            f"{RESULTS}, ligne 4, colonne « progress » : « 140 » n'est pas un pourcentage entre 0 et 100",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace(";2025-12-15;", ";2025-13-15;"),
            f"{RESULTS}, ligne 4, colonne « end_date » : « 2025-13-15 » n'est pas une date (AAAA-MM-JJ)",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace("https://p.example.org/processes/plan-velo/f/44/results/903", ""),
            f"{RESULTS}, ligne 5, colonne « url » : vide, la démarche du résultat est donc inconnue",
        ),
        (
            "v028",
            RESULTS,
            lambda text: text.replace("901;3;Mobilité;;;;", "901;3;Mobilité;;;902;"),
            f"{RESULTS}, ligne 3, colonne « parent/id » : le résultat est son propre ancêtre (une boucle)",
        ),
        (
            "v030",
            PROCESSES,
            with_column_renamed(";slug;", ";identifiant;"),
            f"{PROCESSES}, ligne 1, colonne « slug » : colonne obligatoire absente",
        ),
        (
            "v030",
            PROCESSES,
            lambda text: text.replace(";", "|"),
            f"{PROCESSES}, ligne 1 : les colonnes ne sont séparées ni par « ; »",
        ),
    ],
    ids=[
        "missing-column",
        "separator",
        "progress-word",
        "progress-over-100",
        "date",
        "no-url",
        "parent-loop",
        "no-slug",
        "pipes",
    ],
)
def test_malformed_results_or_processes_stop_naming_file_line_and_column_and_write_nothing(
    consultation, schools, tmp_path, folder, name, edit, message
):
    target, process = (consultation, "plan-velo") if folder == "v028" else (schools, "ecoles")
    # A good import first: a bad one must leave it as it was.
    run_import(
        DECIDIM_FILES / folder, target, process=process
    )  # a good import first: a bad one must leave it as it was
    before = sorted(ImplementationResult.objects.values_list("decidim_id", "progress"))
    with pytest.raises(CommandError) as error:
        run_import(copy_export(folder, tmp_path, edit, name), target, process=process)
    assert message in str(error.value)
    assert "Rien n'a été importé" in str(error.value)
    assert sorted(ImplementationResult.objects.values_list("decidim_id", "progress")) == before


def test_admin_form_mentions_results_and_reports_them(admin_client, consultation):
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    page = admin_client.get("/admin/consultations/import-decidim/").content.decode()
    assert "résultats" in page  # the form's help and introduction say results are imported too
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for file in (DECIDIM_FILES / "v028").iterdir():
            zipped.write(file, file.name)
    response = admin_client.post(
        "/admin/consultations/import-decidim/",
        {
            "export": SimpleUploadedFile("open-data.zip", buffer.getvalue(), content_type="application/zip"),
            "process": "plan-velo",
            "consultation": consultation.pk,
            "separator": ";",
            "dry_run": "on",
        },
    )
    html = response.content.decode()
    assert "résultats : 2 ajoutés, 0 mis à jour, 0 inchangés" in html
    assert "résultat ajouté : Piste cyclable des quais" in html
    assert not ImplementationResult.objects.exists()


# What citizens see.


def publish_drafted_rows(report):
    """An editor reviews the rows the importer drafted and publishes the report."""
    draft = ConsultationReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    draft.save_revision().publish()


def test_report_shows_the_results(client, consultation):
    report = ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "Rédigée à la main", "decision": "kept"}]
    )
    run_import(DECIDIM_FILES / "v028", consultation)
    publish_drafted_rows(report)
    response = client.get(report.url)
    html = response.content.decode()
    text = visible_text(response)
    assert '<a href="#implementation">Mise en œuvre</a>' in html
    section = html.split('<section id="implementation"')[1].split("</section>")[0]
    assert section.count('class="implementation-result"') == 2
    lane = section.split('id="result-901"')[1].split('id="result-903"')[0]
    assert '<h3 class="implementation-result__title">Piste cyclable des quais</h3>' in lane
    assert "<dt>Statut</dt><dd>En cours</dd>" in lane
    # The percentage is written out; the bar repeats it by its length and is hidden from screen readers.
    assert "<dt>Avancement</dt>" in lane
    assert '40,5\xa0% <progress class="implementation-result__bar" max="100" value="40.50" aria-hidden="true">' in lane
    assert "Du 1er octobre 2025 au 30 juin 2026" in lane
    assert "<p>Il reprend 2 propositions faites pendant la concertation :</p>" in lane
    assert "<li>Une piste sur les quais</li><li>Des arceaux à vélo</li>" in lane
    assert "Réalisé en 1 étape, détaillée sur la plateforme participative." in lane
    assert (
        'href="https://p.example.org/processes/plan-velo/f/44/results/901">Suivre sur la plateforme participative'
        in (lane)
    )
    racks = section.split('id="result-903"')[1]
    assert '<span lang="en">Bike racks near schools</span>' in racks
    assert "<dd>Non précisé</dd>" in racks
    # The import no longer drafts response rows: a contribution's results reach its own page through the
    # CONTRIBUTION_RESULTS hook (test_decidim_contributions).
    assert "Mise en œuvre" in text


def test_report_without_results_has_no_implementation_section(client, consultation):
    report = ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "Rédigée à la main", "decision": "kept"}]
    )
    html = client.get(report.url).content.decode()
    assert 'id="implementation"' not in html
    assert "Mise en œuvre" not in html


def make_results(consultation, count):
    proposals = [
        ImportedProposal.objects.create(consultation=consultation, decidim_id=str(1000 + n), title=f"Proposition {n}")
        for n in range(count)
    ]
    for n in range(count):
        result = ImplementationResult.objects.create(
            consultation=consultation,
            decidim_id=str(n),
            title=f"Résultat {n}",
            status="En cours",
            progress=Decimal(n % 101),
            start_date=datetime.date(2026, 1, 1),
            url=f"https://p.example.org/processes/plan-velo/f/44/results/{n}",
            sort_order=n,
        )
        result.proposals.set(proposals[n : n + 2])


def report_queries(client, report):
    client.get(report.url)  # warm what every request shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get(report.url)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="implementation-result"')


def test_report_queries_do_not_grow_with_results(client, consultation, index_page):
    rows = [{"subject": f"Decidim {1000 + n}", "proposal": f"Proposition {n}", "decision": "kept"} for n in range(50)]
    few = ConsultationReportPageFactory(parent=consultation, responses=rows[:5])
    make_results(consultation, 5)
    other = ConsultationPageFactory(
        parent=index_page, slug="autre", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    )
    many = ConsultationReportPageFactory(parent=other, responses=rows)
    make_results(other, 50)
    assert report_queries(client, few) == (report_queries(client, many)[0], 5)
    assert report_queries(client, many)[1] == 50


def test_a_translated_report_shows_the_source_import_marked_in_its_language(
    client, consultation, index_page, home_page_en, locales
):
    report = ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "Rédigée à la main", "decision": "kept"}]
    )
    run_import(DECIDIM_FILES / "v028", consultation)
    translate(index_page, locales["en"], title="Consultations")
    translate(consultation, locales["en"], title="Cycling plan")
    english = translate(report, locales["en"], title="Report")
    html = client.get(english.url).content.decode()
    section = html.split('<section id="implementation"')[1].split("</section>")[0]
    assert '<span lang="fr">Piste cyclable des quais</span>' in section
    assert "Bike racks near schools</h3>" in section  # already in the page's language: no lang attribute
    assert "<dt>Progress</dt>" in section


def test_consultation_page_names_the_process_after_a_030_import(client, schools):
    html = client.get(schools.url).content.decode()
    assert "Voir les contributions sur la plateforme participative" in html
    run_import(DECIDIM_FILES / "v030", schools, process="ecoles")
    html = client.get(schools.url).content.decode()
    assert (
        "Voir les contributions à « Rénovation des écoles : des cours oasis » sur la plateforme participative" in html
    )

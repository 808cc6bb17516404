"""The Decidim importer on small exports written by hand in the 0.28 and 0.30 formats, and malformed ones."""

import datetime
import io
import shutil
import zipfile

import pytest
from django.core.management import CommandError, call_command

from consultations.decidim.models import ImportedProposal, OnlineParticipation
from consultations.models import ConsultationReportPage, Contribution
from tests.consultations.decidim.importing import DECIDIM_FILES, run_import
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="plan-velo", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    )


def latest_rows(report):
    report = ConsultationReportPage.objects.get(pk=report.pk)
    return list(report.get_latest_revision_as_object().responses.all())


def test_import_028_fills_online_figures_of_the_process_only(consultation):
    output = run_import(DECIDIM_FILES / "v028", consultation)
    figures = OnlineParticipation.objects.get(consultation=consultation)
    # Proposals 101-103 (104 withdrawn, 201 in another process); supports 120+30+15; comments 9+4+2 on proposals
    # plus 2+1 on meetings; meetings 501, 502 with 45+30 attendees and 18+7 contributions.
    assert (figures.proposals, figures.supports, figures.comments) == (3, 165, 18)
    assert (figures.meetings, figures.meeting_attendees, figures.meeting_contributions) == (2, 75, 25)
    assert "propositions : 3 (nouveau)" in output
    # 101-103 become contributions; the withdrawn 104 and 201 (another process) do not.
    assert ImportedProposal.objects.filter(consultation=consultation).count() == 3


def test_import_from_a_zip(consultation, tmp_path):
    archive = tmp_path / "p.example.org-open-data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in (DECIDIM_FILES / "v028").iterdir():
            zipped.write(file, file.name)
    run_import(archive, consultation)
    assert OnlineParticipation.objects.get(consultation=consultation).proposals == 3


def test_import_030_votes_withdrawn_column_and_comment_counts(index_page):
    consultation = ConsultationPageFactory(
        parent=index_page, slug="ecoles", phases=[(datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))]
    )
    run_import(DECIDIM_FILES / "v030", consultation, process="ecoles")
    figures = OnlineParticipation.objects.get(consultation=consultation)
    # 302 is withdrawn (withdrawn=true); votes are hidden (empty) so count 0; comments 11 + meeting's 4.
    assert (figures.proposals, figures.supports, figures.comments) == (1, 0, 15)
    assert (figures.meetings, figures.meeting_attendees, figures.meeting_contributions) == (1, 60, 25)


def test_the_import_no_longer_drafts_report_rows(consultation):
    """Proposals become contribution records: the report's response rows (to be retired) are left untouched."""
    report = ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "Rédigée à la main", "decision": "kept"}]
    )
    revisions = report.revisions.count()
    run_import(DECIDIM_FILES / "v028", consultation)
    assert report.revisions.count() == revisions
    assert [row.proposal for row in latest_rows(report)] == ["Rédigée à la main"]
    assert Contribution.objects.filter(consultation=consultation).count() == 3


def test_dry_run_writes_nothing(consultation):
    report = ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "À la main", "decision": "kept"}]
    )
    revisions = report.revisions.count()
    output = run_import(DECIDIM_FILES / "v028", consultation, "--dry-run")
    assert output.startswith("Essai : rien n'est enregistré.")
    assert "contributions ajoutées : PV-PROP-2025-03-101, PV-PROP-2025-03-102, PV-PROP-2025-03-103" in output
    assert not OnlineParticipation.objects.exists()
    assert not ImportedProposal.objects.exists()
    assert not Contribution.objects.exists()
    assert report.revisions.count() == revisions


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        (
            "bad_separator",
            "p.example.org-open-data-proposals.csv, ligne 1 : les colonnes ne sont séparées ni par « ; »",
        ),
        (
            "missing_column",
            "p.example.org-open-data-proposals.csv, ligne 1, colonne « state » : colonne obligatoire absente",
        ),
        (
            "bad_number",
            "p.example.org-open-data-meetings.csv, ligne 3, colonne « attendees » : « trente » n'est pas un nombre "
            "entier",
        ),
        ("unclosed_quote", "p.example.org-open-data-proposals.csv, ligne 8 : CSV mal formé"),
    ],
)
def test_malformed_files_stop_naming_file_line_and_column_and_write_nothing(consultation, folder, message):
    with pytest.raises(CommandError) as error:
        run_import(DECIDIM_FILES / folder, consultation)
    assert message in str(error.value)
    assert "Rien n'a été importé" in str(error.value)
    assert not OnlineParticipation.objects.exists()
    assert not ImportedProposal.objects.exists()


def test_unknown_consultation_and_missing_files(consultation, tmp_path):
    with pytest.raises(CommandError, match="No consultation page has the id"):
        call_command("import_decidim", str(DECIDIM_FILES / "v028"), "--process", "x", "--consultation", "999999")
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(DECIDIM_FILES / "v028" / "p.example.org-open-data-meetings.csv", empty / "readme.txt")
    with pytest.raises(CommandError, match="aucun fichier de propositions ni de rencontres"):
        run_import(empty, consultation)


def test_imported_proposals_are_the_contributions_counted_before_the_report(consultation, home_page):
    from wagtail.models import Locale

    from consultations.indicators import loading

    run_import(DECIDIM_FILES / "v028", consultation)
    record = loading.load_records(Locale.objects.get(language_code="fr"))[0]
    # The three proposals are contribution records, each to be answered: they are what the indicators count. The 18
    # comments stay a platform figure (shown with the online participation), answered through no record.
    assert record.contributions == 3
    assert record.answered == 2  # one accepted (kept), one rejected (not kept); the third awaits its answer


def test_admin_upload_form_imports_and_reports_errors(admin_client, consultation, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(folder, dry_run):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zipped:
            for file in (DECIDIM_FILES / folder).iterdir():
                zipped.write(file, file.name)
        data = {
            "export": SimpleUploadedFile("open-data.zip", buffer.getvalue(), content_type="application/zip"),
            "process": "plan-velo",
            "consultation": consultation.pk,
            "separator": ";",
        }
        if dry_run:
            data["dry_run"] = "on"
        return admin_client.post("/admin/consultations/import-decidim/", data)

    response = upload("v028", dry_run=True)
    assert response.status_code == 200
    assert "propositions : 3 (nouveau)" in response.content.decode()
    assert not OnlineParticipation.objects.exists()
    upload("v028", dry_run=False)
    assert OnlineParticipation.objects.get(consultation=consultation).proposals == 3
    response = upload("bad_number", dry_run=False)
    assert "ligne 3, colonne « attendees »" in response.content.decode()

"""The admin import as an editor uses it: the file kept between the dry run and the import (for its owner only, for a
while), each consultation's language in the list, a mistyped process told in French with the slugs the export holds,
removals confirmed in a second step, and never a path on the server in what the page says."""

import datetime
import re
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.decidim.models import KEPT_FOR, ImplementationResult, KeptUpload, OnlineParticipation
from consultations.models import Contribution
from tests.consultations.decidim.importing import DECIDIM_FILES
from tests.consultations.decidim.test_guard import export_zip, make_editor
from tests.factories import ConsultationPageFactory, translate
from tests.utils import visible_text

URL = "/admin/consultations/import-decidim/"


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="plan-velo", phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    )


def send(client, consultation, export=None, name="open-data.zip", process="plan-velo", **extra):
    data = {"process": process, "consultation": consultation.pk, "separator": "auto", **extra}
    if export is not None:
        data["export"] = SimpleUploadedFile(name, export, content_type="application/octet-stream")
    return client.post(URL, data)


def kept_token(response):
    found = re.search(r'<input type="hidden" name="upload" value="([^"]+)"', response.content.decode())
    return found.group(1) if found else ""


def test_the_file_is_kept_between_the_dry_run_and_the_import(admin_client, consultation):
    response = send(admin_client, consultation, export_zip(), dry_run="on")
    text = visible_text(response)
    assert "Essai : rien n'est enregistré." in text
    assert "Le fichier « open-data.zip » est gardé jusqu'à" in text
    assert not Contribution.objects.exists()
    token = kept_token(response)
    assert token
    # The next step is the import itself: the box is unticked, the process and consultation kept.
    html = response.content.decode()
    assert 'name="dry_run"' in html and 'name="dry_run" checked' not in html
    assert 'value="plan-velo"' in html
    response = send(admin_client, consultation, upload=token)
    assert "Importé :" in visible_text(response)
    assert Contribution.objects.filter(consultation=consultation).count() == 3
    assert OnlineParticipation.objects.get().source_name == "open-data.zip"
    assert not KeptUpload.objects.exists()  # imported for good: nothing left to confirm


def test_a_kept_file_belongs_to_its_uploader_and_expires(client, admin_client, consultation, django_user_model):
    token = kept_token(send(admin_client, consultation, export_zip(), dry_run="on"))
    client.force_login(make_editor(django_user_model, "claire", [consultation]))
    response = send(client, consultation, upload=token)
    assert "Le fichier téléversé plus tôt n'est plus gardé (après deux heures) : choisissez-le à nouveau." in (
        visible_text(response)
    )
    assert not Contribution.objects.exists()
    KeptUpload.objects.update(created_at=timezone.now() - KEPT_FOR - datetime.timedelta(minutes=1))
    response = send(admin_client, consultation, upload=token)
    assert "n'est plus gardé" in visible_text(response)
    assert not Contribution.objects.exists()
    response = send(admin_client, consultation)
    assert "Choisissez le fichier d'export." in visible_text(response)


def test_each_consultation_is_offered_with_its_language(admin_client, consultation, index_page, locales, home_page_en):
    translate(index_page, locales["en"], title="Consultations")
    translate(consultation, locales["en"], title="Cycling plan")
    html = admin_client.get(URL).content.decode()
    select = re.search(r'<select name="consultation".*?</select>', html, re.S).group()
    assert ">Plan velo (Français)</option>" in select
    assert ">Cycling plan (Anglais)</option>" in select


def test_a_mistyped_process_is_told_in_french_with_the_slugs_of_the_export(admin_client, consultation):
    send(admin_client, consultation, export_zip())
    response = send(admin_client, consultation, export_zip(), process="plan-vleo")
    text = visible_text(response)
    assert "Aucune ligne de l'export n'appartient à la démarche « plan-vleo »" in text
    assert "p.example.org-open-data-proposals.csv : autre, plan-velo" in text
    assert "Rien n'a été importé." in text
    assert Contribution.objects.filter(consultation=consultation).count() == 3
    assert ImplementationResult.objects.count() == 2
    assert 'value="plan-vleo"' in response.content.decode()  # what was typed stays, to be corrected


def without(export_folder, tmp_path):
    """The 0.28 export without proposal 102 and result 903."""
    import shutil

    folder = tmp_path / "changed"
    shutil.copytree(DECIDIM_FILES / export_folder, folder)
    for name, start in (("proposals", "102;"), ("results", "903;")):
        path = folder / f"p.example.org-open-data-{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(True)
        path.write_text("".join(line for line in lines if not line.startswith(start)), encoding="utf-8")
    return folder


def zipped(folder):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return buffer.getvalue()


def test_removals_wait_for_a_second_confirmed_step(admin_client, consultation, tmp_path):
    send(admin_client, consultation, export_zip())
    response = send(admin_client, consultation, zipped(without("v028", tmp_path)))
    text = visible_text(response)
    assert "Plus dans l'export : gardés jusqu'à confirmation" in text
    assert "proposition PV-PROP-2025-03-102 « =Supprimer le parking »" in text
    assert "avec sa fiche de contribution : PV-PROP-2025-03-102" in text
    assert "résultat « Bike racks near schools »" in text
    assert Contribution.objects.filter(reference="PV-PROP-2025-03-102").exists()
    assert ImplementationResult.objects.filter(decidim_id="903").exists()
    token = kept_token(response)
    # The confirmation form names what it removes; sent without its box ticked, it removes nothing.
    assert 'name="confirm_removal"' in response.content.decode()
    send(admin_client, consultation, upload=token)
    assert Contribution.objects.filter(reference="PV-PROP-2025-03-102").exists()
    response = send(admin_client, consultation, upload=token, confirm_removal="on")
    assert "Retirés (plus dans l'export)" in visible_text(response)
    assert not Contribution.objects.filter(reference="PV-PROP-2025-03-102").exists()
    assert not ImplementationResult.objects.filter(decidim_id="903").exists()
    assert sorted(Contribution.objects.values_list("reference", flat=True)) == [
        "PV-PROP-2025-03-101",
        "PV-PROP-2025-03-103",
    ]


def test_a_single_csv_with_commas_is_imported_from_the_admin(admin_client, consultation):
    import csv
    import io

    source = (DECIDIM_FILES / "v028" / "p.example.org-open-data-proposals.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(source, newline=""), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, delimiter=",", lineterminator="\n").writerows(rows)
    response = send(admin_client, consultation, out.getvalue().encode(), name="p.example.org-open-data-proposals.csv")
    assert "Importé :" in visible_text(response)
    assert Contribution.objects.filter(consultation=consultation).count() == 3
    assert OnlineParticipation.objects.get().meetings == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("open-data.zip", export_zip(folder="bad_number")),
        ("notes.zip", export_zip(folder="v028")[:40] + b"\x00" * 200),  # a truncated zip
        ("lisez-moi.txt", b"Bonjour\n"),
        ("vide.zip", b"PK\x05\x06" + b"\x00" * 18),  # an empty archive
    ],
)
def test_no_server_path_in_what_the_page_says(admin_client, consultation, name, data):
    response = send(admin_client, consultation, data, name=name)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rien n'a été importé." in visible_text(response)
    assert name in visible_text(response)
    for path in {tempfile.gettempdir(), "/var/", "/work/", str(DECIDIM_FILES)}:
        assert path not in html


def test_an_upload_over_the_export_limit_is_refused_before_it_is_kept(admin_client, consultation, settings):
    settings.PACTE_DECIDIM_MAX_TOTAL_BYTES = 1000
    response = send(admin_client, consultation, export_zip())
    text = visible_text(response)
    assert "Le fichier dépasse 1000" in text
    assert "la limite pour un export entier (PACTE_DECIDIM_MAX_TOTAL_BYTES)." in text
    assert not KeptUpload.objects.exists()
    assert not Contribution.objects.exists()

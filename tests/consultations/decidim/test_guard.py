"""The admin Decidim import only reaches the consultations an editor may edit, and a zip is bounded (entries,
each entry's and the total uncompressed size) before anything is written, whatever its headers claim."""

import datetime
import io
import re
import struct
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from wagtail.models import GroupPagePermission, Page

from consultations.decidim import reading
from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.models import Contribution
from consultations.permissions import editable_consultations
from tests.consultations.decidim.importing import DECIDIM_FILES, run_import
from tests.factories import ConsultationPageFactory
from tests.utils import visible_text

URL = "/admin/consultations/import-decidim/"
PROPOSALS = "p.example.org-open-data-proposals.csv"


@pytest.fixture
def consultations(index_page):
    dates = [(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))]
    return ConsultationPageFactory(parent=index_page, slug="plan-velo", phases=dates), ConsultationPageFactory(
        parent=index_page, slug="ecoles", phases=dates
    )


def page_permission(group, page, action):
    GroupPagePermission.objects.create(
        group=group,
        page=page,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=action),
    )


def make_editor(django_user_model, name, pages=(), action="change_page"):
    """A staff member who may use the importer, with `action` on `pages` only."""
    group = Group.objects.create(name=f"Éditeurs {name}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_onlineparticipation")
    )
    for page in pages:
        page_permission(group, page, action)
    user = django_user_model.objects.create_user(name, password="un-mot-de-passe-long-42")
    user.groups.add(group)
    return user


def export_zip(extra=(), folder="v028"):
    """The bytes of a zip holding the hand-written export, plus (name, bytes) entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((DECIDIM_FILES / folder).iterdir()):
            archive.write(file, file.name)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def post(client, consultation_pk, data, name="open-data.zip"):
    return client.post(
        URL,
        {
            "export": SimpleUploadedFile(name, data, content_type="application/zip"),
            "process": "plan-velo",
            "consultation": consultation_pk,
            "separator": ";",
        },
    )


def assert_nothing_written():
    assert not OnlineParticipation.objects.exists()
    assert not ImportedProposal.objects.exists()
    assert not ImplementationResult.objects.exists()
    assert not Contribution.objects.exists()


def offered(response):
    """The consultations the form's list offers, as the page id of each option."""
    select = re.search(r'<select name="consultation".*?</select>', response.content.decode(), re.S).group()
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select)}


def test_an_editor_sees_and_imports_into_the_consultation_they_may_edit_only(client, consultations, django_user_model):
    velo, ecoles = consultations
    client.force_login(make_editor(django_user_model, "claire", [velo]))
    response = client.get(URL)
    assert response.status_code == 200
    assert offered(response) == {velo.pk}
    assert "Ecoles" not in visible_text(response)

    refused = post(client, ecoles.pk, export_zip())
    assert refused.status_code == 200
    assert "consultation" in refused.context["form"].errors
    assert "Sélectionnez un choix valide" in visible_text(refused)
    assert_nothing_written()

    assert post(client, velo.pk, export_zip()).status_code == 200
    assert OnlineParticipation.objects.get().consultation_id == velo.pk


def test_the_offered_consultations_are_those_wagtail_lets_each_user_edit(consultations, index_page, django_user_model):
    velo, ecoles = consultations
    superuser = django_user_model.objects.create_superuser("admin", password="un-mot-de-passe-long-42")
    on_velo = make_editor(django_user_model, "claire", [velo])
    on_index = make_editor(django_user_model, "sami", [index_page])
    nothing = make_editor(django_user_model, "noe")
    # "add" under the index lets a user edit the pages they own, and only those.
    owner = make_editor(django_user_model, "ines", [index_page], action="add_page")
    Page.objects.filter(pk=ecoles.pk).update(owner=owner)
    for user, expected in [
        (superuser, {velo.pk, ecoles.pk}),
        (on_velo, {velo.pk}),
        (on_index, {velo.pk, ecoles.pk}),
        (nothing, set()),
        (owner, {ecoles.pk}),
    ]:
        wagtail_says = {
            page.pk for page in (velo, ecoles) if Page.objects.get(pk=page.pk).permissions_for_user(user).can_edit()
        }
        assert {page.pk for page in editable_consultations(user)} == wagtail_says == expected, user.username


def test_an_editor_who_may_edit_no_consultation_is_told_so(client, consultations, django_user_model):
    client.force_login(make_editor(django_user_model, "noe"))
    response = client.get(URL)
    assert offered(response) == set()
    assert "Vous ne pouvez modifier aucune concertation" in visible_text(response)


def test_a_zip_bomb_entry_is_refused_naming_the_file_and_the_limit(admin_client, consultations):
    # 51 MB of one repeated byte compresses to about 50 kB: over the 50 MB per file of the defaults.
    bomb = export_zip(extra=[("p.example.org-open-data-proposal_comments.csv", b"0" * (51 * 1024 * 1024))])
    assert len(bomb) < 200_000
    response = post(admin_client, consultations[0].pk, bomb)
    assert response.status_code == 200
    text = visible_text(response)
    entry = "p.example.org-open-data-proposal_comments.csv"
    assert f"open-data.zip, fichier {entry} : 51,0 Mio une fois décompressé" in text
    assert "au-delà de la limite de 50,0 Mio par fichier (PACTE_DECIDIM_MAX_ENTRY_BYTES)" in text
    assert "Rien n'a été importé." in text
    assert_nothing_written()


def test_an_export_whose_files_add_up_over_the_total_is_refused(admin_client, consultations, settings):
    settings.PACTE_DECIDIM_MAX_ENTRY_BYTES = 1024 * 1024
    settings.PACTE_DECIDIM_MAX_TOTAL_BYTES = 3 * 1024 * 1024 // 2
    padding = [(f"p.example.org-open-data-{name}.csv", b"x" * 800_000) for name in ("debates", "projects")]
    response = post(admin_client, consultations[0].pk, export_zip(extra=padding))
    text = visible_text(response)
    assert (
        "au fichier p.example.org-open-data-projects.csv, les fichiers dépassent 1,5 Mio une fois décompressés" in text
    )
    assert "(PACTE_DECIDIM_MAX_TOTAL_BYTES)" in text
    assert_nothing_written()


def test_too_many_entries_are_refused(admin_client, consultations):
    many = export_zip(extra=[(f"notes/{number}.txt", b"") for number in range(48)])  # 3 CSV files + 48
    response = post(admin_client, consultations[0].pk, many)
    assert "open-data.zip contient 51 fichiers, plus que les 50 qu'un export Decidim peut contenir" in visible_text(
        response
    )
    assert_nothing_written()


def test_an_entry_larger_than_its_header_claims_is_refused_and_nothing_written(admin_client, consultations):
    # 60 MB of proposals whose central directory and local header both claim 1,000 bytes: reading stops at the
    # claim and the checksum then fails, so not one byte past the claim reaches the import.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROPOSALS, b"0" * (60 * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 1000)
    struct.pack_into("<I", data, 22, 1000)
    response = post(admin_client, consultations[0].pk, bytes(data))
    assert response.status_code == 200
    assert "open-data.zip est un fichier .zip endommagé ou non pris en charge" in visible_text(response)
    assert_nothing_written()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rapport.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "rapport.pdf n'est ni un dossier ni un export open data"),
        ("open-data.zip", b"", "Le fichier soumis est vide"),
        # A valid end of archive, then garbage where the entries should be.
        ("open-data.zip", b"garbage" * 100 + export_zip()[-22:], "open-data.zip est un fichier .zip endommagé"),
    ],
)
def test_a_wrong_file_or_a_corrupt_zip_gets_a_clear_error(admin_client, consultations, name, data, message):
    response = post(admin_client, consultations[0].pk, data, name=name)
    assert response.status_code == 200
    assert message in visible_text(response)
    assert_nothing_written()


def test_a_corrupt_entry_gets_a_clear_error(admin_client, consultations):
    data = bytearray(export_zip())
    start = data.find(b"PK\x03\x04") + 30 + len(b"p.example.org-open-data-meetings.csv")
    data[start : start + 40] = b"\xff" * 40  # the deflated bytes of the first file
    response = post(admin_client, consultations[0].pk, bytes(data))
    assert response.status_code == 200
    assert "open-data.zip est un fichier .zip endommagé ou non pris en charge" in visible_text(response)
    assert_nothing_written()


def test_the_command_line_keeps_the_same_limits(consultations, tmp_path, settings):
    settings.PACTE_DECIDIM_MAX_ENTRIES = 3
    archive = tmp_path / "open-data.zip"
    archive.write_bytes(export_zip(extra=[("README.md", b"export")]))
    with pytest.raises(CommandError, match=r"open-data.zip contient 4 fichiers, plus que les 3"):
        run_import(archive, consultations[0])
    assert_nothing_written()
    settings.PACTE_DECIDIM_MAX_ENTRIES = 4
    run_import(archive, consultations[0])
    assert OnlineParticipation.objects.get().proposals == 3


def test_inflating_stops_at_the_limits_even_when_the_directory_passed(tmp_path, settings):
    # Should a zip reader ever hand out more than an entry's header claims, the chunked read is the guard: here
    # the limits are lowered after the directory check, so only the read can stop the entry.
    path = tmp_path / "open-data.zip"
    path.write_bytes(export_zip())
    archive = reading.open_archive(path)
    proposals = archive.getinfo(PROPOSALS)
    settings.PACTE_DECIDIM_MAX_ENTRY_BYTES = 100
    with pytest.raises(reading.ImportError_, match=rf"{PROPOSALS} : plus de 100\soctets une fois décompressé"):
        reading.read_entry(archive, proposals, path.name, reading.ReadBudget(10_000))
    settings.PACTE_DECIDIM_MAX_ENTRY_BYTES = 10_000
    with pytest.raises(reading.ImportError_, match=r"les fichiers dépassent"):
        reading.read_entry(archive, proposals, path.name, reading.ReadBudget(proposals.file_size - 1))
    budget = reading.ReadBudget(10_000)
    assert reading.read_entry(archive, proposals, path.name, budget).startswith(b"id;")
    assert budget.left == 10_000 - proposals.file_size

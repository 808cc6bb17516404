"""The Decidim importer makes contribution records from the proposals of each export version (0.27 to 0.32), keeps
what an editor changed, stops on a process the export does not hold, and removes nothing unconfirmed."""

import csv
import datetime
import io
import shutil

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from consultations import extensions
from consultations.decidim.models import ImplementationResult, ImportedProposal, OnlineParticipation
from consultations.models import Contribution
from tests.consultations.decidim.importing import DECIDIM_FILES, run_import
from tests.factories import ConsultationPageFactory, ContributionFactory

PROPOSALS = "p.example.org-open-data-proposals.csv"
RESULTS = "p.example.org-open-data-results.csv"
PROCESSES = {"v027": "parc-nord", "v028": "plan-velo", "v030": "ecoles", "v031": "quartier-gare", "v032": "berges"}


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="concertation", phases=[(datetime.date(2024, 3, 1), datetime.date(2026, 4, 30))]
    )


def records(consultation):
    return {
        contribution.reference: contribution for contribution in Contribution.objects.filter(consultation=consultation)
    }


def copy_export(folder, tmp_path, edit=None, name=PROPOSALS):
    target = tmp_path / folder
    shutil.copytree(DECIDIM_FILES / folder, target)
    if edit:
        path = target / name
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def without_lines(*starts):
    return lambda text: "".join(line for line in text.splitlines(True) if not line.startswith(starts))


# reference: (channel, decision, start of the reason, language, date, title, start of the text)
EXPECTED = {
    "v027": {
        "PN-PROP-2024-05-11": (
            "online",
            "kept",
            "Retenue : l'aire de jeux sera posée",
            "fr",
            datetime.date(2024, 5, 6),
            "Des jeux pour les petits",
            "Un espace de jeux pour les 2-6 ans.\nPrès de l'entrée nord, à l'ombre.",
        ),
        "PN-PROP-2024-05-12": ("online", "not_kept", "Le bord du parc est inondable", "fr", datetime.date(2024, 5, 7),
                               "Un parking au bord du parc", "Pour venir en voiture le week-end."),
        "PN-PROP-2024-05-13": ("online", "under_study", "Le service des espaces verts", "fr",
                               datetime.date(2024, 5, 8), "Des toilettes publiques", "Il n'y en a aucune"),
        "PN-PROP-2024-05-14": ("online", "", "", "fr", datetime.date(2024, 5, 9), "Un jardin partagé", "Des parcelles"),
        # Made at the exploratory walk: the meeting is its author. Written in English only.
        "PN-PROP-2024-05-16": ("in_person", "kept", "", "en", datetime.date(2024, 5, 20), "Benches along the pond",
                               "Benches every hundred metres, said the walkers."),
    },
    "v028": {
        "PV-PROP-2025-03-101": ("online", "kept", "Retenue : le tracé passe par les quais.", "fr",
                                datetime.date(2025, 3, 5), "Une piste sur les quais",
                                "Le long du canal,\nà double sens"),
        "PV-PROP-2025-03-102": ("online", "not_kept", "Le parking reste nécessaire", "fr", datetime.date(2025, 3, 6),
                                "=Supprimer le parking", "Texte"),
        "PV-PROP-2025-03-103": ("online", "", "", "fr", datetime.date(2025, 3, 7), "Des arceaux à vélo", "Texte"),
    },
    "v030": {
        "EC-301": ("online", "kept", "Retenue en partie", "fr", datetime.date(2026, 2, 1), "Cours oasis", "Texte"),
    },
    "v031": {
        "QG-PROP-2025-10-41": ("online", "kept", "Retenue : la passerelle entre dans le projet", "fr",
                               datetime.date(2025, 10, 2), "Une passerelle au-dessus des voies",
                               "Une passerelle pour piétons et vélos au-dessus des voies.\nElle relierait"),
        "QG-PROP-2025-10-42": ("online", "not_kept", "Le sous-sol accueille déjà", "fr", datetime.date(2025, 10, 3),
                               "Un parking souterrain sous la place", "Un parking de 400 places"),
        # A state the platform defined: its published answer is kept as the reason, the decision is the editor's.
        "QG-PROP-2025-10-43": ("online", "", "Discutée avec les architectes", "fr", datetime.date(2025, 10, 5),
                               "Des arbres sur le parvis", "Planter des arbres"),
        "QG-PROP-2025-10-44": ("in_person", "kept", "", "fr", datetime.date(2025, 10, 15),
                               "Une consigne à vélos surveillée", "Proposée à l'atelier"),
    },
    "v032": {
        "BE-PROP-2026-04-51": ("online", "kept", "Retenu : le sentier sera ouvert", "fr", datetime.date(2026, 4, 2),
                               "Un sentier le long de la rivière", "Un sentier continu"),
        "BE-PROP-2026-04-52": ("online", "under_study", "L'office de la biodiversité", "fr", datetime.date(2026, 4, 3),
                               "Des pontons de pêche", "Deux pontons"),
        "BE-PROP-2026-04-53": ("online", "", "", "fr", datetime.date(2026, 4, 4), "Un café sur la berge",
                               "Un petit café"),
    },
}  # fmt: skip


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_each_version_imports_the_right_contribution_records(consultation, folder):
    output = run_import(DECIDIM_FILES / folder, consultation, process=PROCESSES[folder])
    found = records(consultation)
    # Withdrawn proposals and those of other processes are left out.
    assert sorted(found) == sorted(EXPECTED[folder])
    for reference, (channel, decision, reason, language, day, title, body) in EXPECTED[folder].items():
        contribution = found[reference]
        assert contribution.channel == channel, reference
        assert contribution.decision == decision, reference
        assert contribution.reason.startswith(reason) and bool(contribution.reason) == bool(reason), reference
        assert (contribution.language, contribution.submitted_on, contribution.title) == (language, day, title)
        assert contribution.body.startswith(body), reference
        assert "<" not in contribution.body and "&nbsp;" not in contribution.body
        assert contribution.decidim_url.startswith("https://p.example.org/")
        assert contribution.decidim_url.endswith(f"/proposals/{contribution.decidim_proposal.decidim_id}")
        assert contribution.author_name == ""  # no personal data
    assert f"contributions : {len(EXPECTED[folder])} ajoutées, 0 mises à jour, 0 inchangées" in output


def test_a_query_string_after_the_process_address_still_matches(consultation):
    """0.27 writes `…/processes/parc-nord?participatory_process_slug=parc-nord`: matched on the path."""
    run_import(DECIDIM_FILES / "v027", consultation, process="parc-nord")
    figures = OnlineParticipation.objects.get(consultation=consultation)
    assert (figures.proposals, figures.supports, figures.meetings, figures.meeting_attendees) == (5, 156, 1, 22)
    (result,) = ImplementationResult.objects.filter(consultation=consultation)
    assert sorted(result.proposals.values_list("decidim_id", flat=True)) == ["11", "16"]


def test_032_locale_prefixed_addresses_and_extra_files(consultation, tmp_path):
    from tests.consultations.decidim.test_guard import export_zip

    archive = tmp_path / "p.example.org-open-data.zip"
    archive.write_bytes(export_zip(folder="v032"))
    output = run_import(archive, consultation, process="berges")
    participation = OnlineParticipation.objects.get(consultation=consultation)
    assert (participation.proposals, participation.meetings, participation.process_title) == (
        3,
        1,
        "Les berges de la rivière",
    )
    assert "résultats : 1 ajoutés, 0 mis à jour, 0 inchangés" in output
    (result,) = ImplementationResult.objects.filter(consultation=consultation)
    assert result.proposals.get().contribution.reference == "BE-PROP-2026-04-51"


def test_a_re_import_updates_what_decidim_changed_and_keeps_what_an_editor_changed(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)
    found = records(consultation)
    # An editor makes the title readable and rewrites the reason of 102, and deletes 103.
    rejected = found["PV-PROP-2025-03-102"]
    rejected.title = "Supprimer le parking de la place"
    rejected.reason = "Le parking sert aux marchés du samedi ; il sera réduit de moitié."
    rejected.save()
    found["PV-PROP-2025-03-103"].delete()

    def decidim_answers_again(text):
        text = text.replace("Retenue : le tracé passe par les quais.", "Retenue : le tracé passe par les quais nord.")
        text = text.replace("Le parking reste nécessaire aux commerces.", "Le parking reste, hélas.")
        return text.replace("'=Supprimer le parking", "Supprimer tout le parking")

    output = run_import(copy_export("v028", tmp_path, decidim_answers_again), consultation)
    found = records(consultation)
    assert found["PV-PROP-2025-03-101"].reason == "Retenue : le tracé passe par les quais nord."
    assert (found["PV-PROP-2025-03-102"].title, found["PV-PROP-2025-03-102"].reason) == (
        "Supprimer le parking de la place",
        "Le parking sert aux marchés du samedi ; il sera réduit de moitié.",
    )
    assert found["PV-PROP-2025-03-102"].decision == "not_kept"
    assert "PV-PROP-2025-03-103" not in found  # deleted by an editor: not imported again
    assert "contributions : 0 ajoutées, 1 mises à jour, 1 inchangées" in output
    assert "PV-PROP-2025-03-102 : gardé tel qu'un éditeur l'a écrit : titre, raison" in output
    assert "supprimées par un éditeur, pas importées à nouveau : PV-PROP-2025-03-103" in output
    # A third import: the editor's text is still theirs, Decidim's unchanged answer changes nothing.
    output = run_import(copy_export("v028", tmp_path / "again", decidim_answers_again), consultation)
    assert "contributions : 0 ajoutées, 0 mises à jour, 2 inchangées" in output
    assert records(consultation)["PV-PROP-2025-03-102"].title == "Supprimer le parking de la place"


def test_a_decision_decidim_takes_later_comes_in_beside_the_reason_an_editor_wrote(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)
    # 103 is evaluated without an answer; the editor writes their own reason meanwhile.
    contribution = records(consultation)["PV-PROP-2025-03-103"]
    contribution.reason = "Nous regardons les trottoirs assez larges pour des arceaux."
    contribution.save()
    accepted = copy_export(
        "v028",
        tmp_path,
        lambda text: text.replace(";evaluating;PV-PROP-2025-03-103;;", ";accepted;PV-PROP-2025-03-103;;"),
    )
    run_import(accepted, consultation)
    contribution.refresh_from_db()
    assert (contribution.decision, contribution.reason) == (
        "kept",
        "Nous regardons les trottoirs assez larges pour des arceaux.",
    )


def test_an_existing_contribution_with_the_reference_is_linked_and_keeps_its_answer(consultation):
    typed = ContributionFactory(
        consultation=consultation,
        reference="PV-PROP-2025-03-102",
        title="Supprimer le parking (saisie)",
        body="Saisie depuis le tableur.",
        decision="adapted",
        reason="Le parking sera réduit de moitié.",
    )
    output = run_import(DECIDIM_FILES / "v028", consultation)
    typed.refresh_from_db()
    assert (typed.title, typed.decision, typed.reason) == (
        "Supprimer le parking (saisie)",
        "adapted",
        "Le parking sera réduit de moitié.",
    )
    assert typed.decidim_proposal.decidim_id == "102"
    assert typed.decidim_url == "https://p.example.org/processes/plan-velo/f/40/proposals/102"
    assert "contributions existantes reliées à leur proposition" in output


def test_a_mistyped_slug_stops_lists_the_slugs_and_removes_nothing(consultation):
    run_import(DECIDIM_FILES / "v028", consultation)
    before = (
        sorted(records(consultation)),
        sorted(ImplementationResult.objects.values_list("decidim_id", flat=True)),
        OnlineParticipation.objects.get().proposals,
    )
    with pytest.raises(CommandError) as error:
        run_import(DECIDIM_FILES / "v028", consultation, process="plan-vleo")
    message = str(error.value)
    assert "Aucune ligne de l'export n'appartient à la démarche « plan-vleo »" in message
    assert "p.example.org-open-data-proposals.csv : autre, plan-velo" in message
    assert "p.example.org-open-data-results.csv : autre, plan-velo" in message
    assert "Identifiants proches : plan-velo." in message
    assert "Rien n'a été importé." in message
    after = (
        sorted(records(consultation)),
        sorted(ImplementationResult.objects.values_list("decidim_id", flat=True)),
        OnlineParticipation.objects.get().proposals,
    )
    assert after == before


def test_nothing_is_removed_until_the_editor_confirms(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)
    folder = copy_export("v028", tmp_path, without_lines("102;"))
    results = folder / RESULTS
    results.write_text(without_lines("903;")(results.read_text(encoding="utf-8")), encoding="utf-8")
    output = run_import(folder, consultation)
    assert "Plus dans l'export, gardés jusqu'à confirmation (relancez avec --confirm-removal) :" in output
    assert "proposition PV-PROP-2025-03-102 « =Supprimer le parking »" in output
    assert "avec sa fiche de contribution : PV-PROP-2025-03-102" in output
    assert "résultat « Bike racks near schools »" in output
    assert "PV-PROP-2025-03-102" in records(consultation)
    assert ImplementationResult.objects.filter(decidim_id="903").exists()
    output = run_import(folder, consultation, "--confirm-removal")
    assert "Retirés (plus dans l'export) :" in output
    assert "PV-PROP-2025-03-102" not in records(consultation)
    assert not ImportedProposal.objects.filter(decidim_id="102").exists()
    assert not ImplementationResult.objects.filter(decidim_id="903").exists()


def test_a_single_csv_download_is_read_alone(consultation, tmp_path):
    single = tmp_path / "p.example.org-open-data-proposals.csv"
    shutil.copy(DECIDIM_FILES / "v031" / PROPOSALS, single)
    output = run_import(single, consultation, process="quartier-gare")
    assert sorted(records(consultation)) == sorted(EXPECTED["v031"])
    assert "Aucun fichier de résultats dans l'export : les résultats de mise en œuvre restent tels quels." in output
    # Renamed by the browser, the file is still recognised by its columns.
    renamed = tmp_path / "export (1).csv"
    shutil.copy(single, renamed)
    assert "contributions : 0 ajoutées, 0 mises à jour, 4 inchangées" in run_import(
        renamed, consultation, process="quartier-gare"
    )


@pytest.mark.parametrize("separator", [",", "\t"])
def test_another_separator_is_detected(consultation, tmp_path, separator):
    folder = tmp_path / "other"
    folder.mkdir()
    for source in (DECIDIM_FILES / "v031").iterdir():
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"), newline=""), delimiter=";"))
        with (folder / source.name).open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=separator, lineterminator="\n").writerows(rows)
    run_import(folder, consultation, process="quartier-gare")
    assert sorted(records(consultation)) == sorted(EXPECTED["v031"])
    assert records(consultation)["QG-PROP-2025-10-41"].body.startswith("Une passerelle pour piétons et vélos")
    assert OnlineParticipation.objects.get().process_title == "Le quartier de la gare"


def read_rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), delimiter=";"))


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";", lineterminator="\n").writerows(rows)


def big_export(tmp_path, count, changed=False):
    """A 0.31 proposals file of `count` accepted proposals, and a results file linking them all."""
    folder = tmp_path / f"big-{count}-{changed}"
    folder.mkdir()
    header, template = read_rows(DECIDIM_FILES / "v031" / PROPOSALS)[:2]  # proposal 41, accepted
    column = {name: position for position, name in enumerate(header)}
    space = "https://p.example.org/processes/quartier-gare/f/60/proposals/"
    rows = [header]
    for number in range(1000, 1000 + count):
        row = list(template)
        row[column["id"]], row[column["reference"]], row[column["url"]] = (
            str(number),
            f"QG-{number}",
            f"{space}{number}",
        )
        if changed:
            row[column["answer/fr"]] = row[column["answer/fr"]].replace("en 2027", "en 2028")
        rows.append(row)
    write_rows(folder / PROPOSALS, rows)
    header, result = read_rows(DECIDIM_FILES / "v031" / RESULTS)[:2]
    result[header.index("proposal_urls")] = ", ".join(f"{space}{n}" for n in range(1000, 1000 + count))
    write_rows(folder / RESULTS, [header, result])
    return folder


def import_queries(tmp_path, consultation, count, changed=False):
    with CaptureQueriesContext(connection) as queries:
        run_import(big_export(tmp_path, count, changed), consultation, process="quartier-gare")
    return len(queries)


def test_queries_do_not_grow_with_proposals(index_page, tmp_path):
    few, many = (
        ConsultationPageFactory(
            parent=index_page, slug=slug, phases=[(datetime.date(2025, 10, 1), datetime.date(2025, 11, 30))]
        )
        for slug in ("peu", "beaucoup")
    )
    first = (import_queries(tmp_path, few, 5), import_queries(tmp_path, many, 300))
    assert first[0] == first[1]
    assert Contribution.objects.filter(consultation=many).count() == 300
    assert ImplementationResult.objects.get(consultation=many).proposals.count() == 300
    again = (import_queries(tmp_path, few, 5, changed=True), import_queries(tmp_path, many, 300, changed=True))
    assert again[0] == again[1]
    assert Contribution.objects.filter(consultation=many, reason__contains="2028").count() == 300


def test_the_contribution_results_hook_gives_each_contribution_its_results(consultation, django_assert_num_queries):
    run_import(DECIDIM_FILES / "v028", consultation)
    found = records(consultation)
    ids = [found[reference].pk for reference in ("PV-PROP-2025-03-101", "PV-PROP-2025-03-102", "PV-PROP-2025-03-103")]
    (function,) = hooks.get_hooks(extensions.CONTRIBUTION_RESULTS)
    with django_assert_num_queries(1):
        answer = function(ids)
    assert [result.title for result in answer[ids[0]]] == ["Piste cyclable des quais"]
    assert ids[1] not in answer
    # 103 is in the sub-result 902, counted in 901, and in 903.
    assert [(result.title, result.status, result.progress) for result in answer[ids[2]]] == [
        ("Piste cyclable des quais", "En cours", 40.5),
        ("Bike racks near schools", "Prévu", None),
    ]
    assert answer[ids[2]][0].url == "https://p.example.org/processes/plan-velo/f/44/results/901"


def test_a_change_that_would_leave_a_decision_without_reason_is_held_back(consultation, tmp_path):
    run_import(DECIDIM_FILES / "v028", consultation)
    # The editor decides 101 (kept on Decidim) is adapted, keeping Decidim's answer as the reason.
    contribution = records(consultation)["PV-PROP-2025-03-101"]
    contribution.decision = "adapted"
    contribution.save()
    # Decidim's answer then disappears: taking it would leave "adapted" without a reason.
    emptied = copy_export(
        "v028", tmp_path, lambda text: text.replace("<p>Retenue : le tracé passe par les quais.</p>", "")
    )
    output = run_import(emptied, consultation)
    contribution.refresh_from_db()
    assert (contribution.decision, contribution.reason) == ("adapted", "Retenue : le tracé passe par les quais.")
    assert "PV-PROP-2025-03-101 : gardé tel qu'un éditeur l'a écrit : décision, raison" in output

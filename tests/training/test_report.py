"""The participation service's follow-up report: completions per module and service, filters, CSV and XLSX."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, training_module
from training.models import Attestation

REPORT = "training_completion_report"


def attest(user, module, days_ago, service):
    return Attestation.objects.create(
        user=user,
        module=module,
        holder_name=user.get_full_name(),
        service=service,
        module_title=module.title,
        duration_hours=module.duration_hours,
        completed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def completions(training_index, module_with_lessons):
    charter = module_with_lessons[0]
    method, _ = training_module(parent=training_index, slug="methode", title="La méthode de projet", lessons=1)
    claire = UserFactory(username="claire", first_name="Claire", last_name="Dubois")
    yanis = UserFactory(username="yanis", first_name="Yanis", last_name="Benali")
    return {
        "charter": charter,
        "method": method,
        "rows": [
            attest(claire, charter, 40, "Espaces publics"),
            attest(yanis, charter, 5, "Habitat"),
            attest(claire, method, 2, "Espaces publics"),
        ],
    }


def export(client, **params):
    response = client.get(reverse(REPORT), {"export": "csv", **params})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_lists_who_completed_what(admin_client, completions):
    rows = export(admin_client)
    assert rows[0] == ["Nom", "Service", "Module", "Durée (heures)", "Terminé le", "Code de vérification"]
    body = sorted(rows[1:])
    codes = {row.code for row in completions["rows"]}
    assert {row[5] for row in body} == codes
    day = timezone.localdate(completions["rows"][1].completed_at).isoformat()
    assert ["Yanis Benali", "Habitat", "La charte en pratique", "7", day] == [
        row for row in body if row[0] == "Yanis Benali"
    ][0][:5]
    assert len(body) == 3


def test_filter_by_module(admin_client, completions):
    rows = export(admin_client, module=completions["method"].pk)
    assert [row[0] for row in rows[1:]] == ["Claire Dubois"]
    assert rows[1][2] == "La méthode de projet"


def test_filter_by_service(admin_client, completions):
    rows = export(admin_client, service="Habitat")
    assert [row[0] for row in rows[1:]] == ["Yanis Benali"]


def test_reports_are_in_the_admin_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in html  # the sidebar is serialised as JSON: look for the links
    assert reverse("training_completion_summary_report") in html


def test_filter_by_date_range(admin_client, completions):
    start = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    end = timezone.localdate().isoformat()
    rows = export(admin_client, completed_at_from=start, completed_at_to=end)
    assert sorted(row[0] for row in rows[1:]) == ["Claire Dubois", "Yanis Benali"]


def test_invalid_filters_do_not_break_the_report(admin_client, completions):
    response = admin_client.get(
        reverse(REPORT), {"module": "abc", "completed_at_from": "pas une date", "service": "Inconnu"}
    )
    assert response.status_code == 200


def test_summary_per_module_and_per_service(admin_client, completions):
    html = admin_client.get(reverse(REPORT)).content.decode()
    assert "3 modules terminés" in html
    assert '<th scope="row">Espaces publics</th><td>2</td>' in html
    assert '<th scope="row">La charte en pratique</th><td>2</td>' in html


def test_xlsx_export(admin_client, completions):
    from openpyxl import load_workbook

    response = admin_client.get(reverse(REPORT), {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Nom"
    assert sorted(row[0] for row in values[1:]) == ["Claire Dubois", "Claire Dubois", "Yanis Benali"]


def test_staff_without_permission_cannot_see_the_report(client, staff_user, completions):
    staff_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff_user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "Yanis Benali" not in response.content.decode()


def test_a_group_with_the_view_permission_sees_it(client, completions):
    group = Group.objects.create(name="Service participation")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_attestation")
    )
    person = UserFactory(username="mission")
    person.groups.add(group)
    client.force_login(person)
    assert "Yanis Benali" in client.get(reverse(REPORT)).content.decode()
    assert "Formations terminées" in client.get(reverse(REPORT)).content.decode()


def test_summary_report_counts_per_module_and_service(admin_client, completions):
    url = reverse("training_completion_summary_report")
    response = admin_client.get(url, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Module", "Service", "Nombre", "Heures de formation"]
    assert sorted(rows[1:]) == [
        ["La charte en pratique", "Espaces publics", "1", "7"],
        ["La charte en pratique", "Habitat", "1", "7"],
        ["La méthode de projet", "Espaces publics", "1", "7"],
    ]
    assert "Habitat" in admin_client.get(url).content.decode()
    start = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    response = admin_client.get(url, {"export": "csv", "completed_at_from": start})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))) == 3

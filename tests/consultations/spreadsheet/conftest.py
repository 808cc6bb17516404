"""Fixtures for the spreadsheet round trip: a consultation with an event and themes, editors with and without edit
rights on it, and spreadsheets written with openpyxl as an agent's spreadsheet program would."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import Workbook, load_workbook
from wagtail.models import GroupPagePermission

from tests.factories import ConsultationPageFactory, at

HEADERS = [
    "Référence (reference)",
    "Canal (channel)",
    "Rencontre (event)",
    "Date (date)",
    "Titre (title)",
    "Texte (text)",
    "Thème (theme)",
    "Adresse sur Decidim (decidim_url)",
    "Décision (decision)",
    "Motif (reason)",
    "Réponse commune (shared_answer)",
]


@pytest.fixture
def consultation(index_page):
    page = ConsultationPageFactory(
        parent=index_page,
        slug="plan-velo",
        title="Plan vélo",
        phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))],
        events=[{"title": "Atelier de la gare", "start": at(2025, 3, 12), "end": at(2025, 3, 12, 20)}],
    )
    page.themes.add("mobilité", "vélo")
    page.save()
    return page


def make_editor(django_user_model, name, pages=()):
    """A staff member who may open the admin and edit `pages` (and their sub-pages) only."""
    group = Group.objects.create(name=f"Éditeurs {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in pages:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
        )
    user = django_user_model.objects.create_user(name, password="un-mot-de-passe-long-42")
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model, consultation):
    return make_editor(django_user_model, "agent-velo", [consultation])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def workbook(rows, headers=HEADERS, shared=None, title="Contributions"):
    """The bytes of an .xlsx file: a sheet of contributions and, when given, a sheet of shared answers."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a text cell, as the spreadsheet keeps "=SOMME(…)" typed by a citizen
    if shared is not None:
        answers = book.create_sheet("Réponses communes")
        answers.append(["Réponse commune (shared_answer)", "Texte de la réponse commune (shared_answer_text)"])
        for row in shared:
            answers.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_rows(content, sheet=0):
    """The rows of a sheet of an .xlsx file, as lists of values."""
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def row(reference, decision="", reason="", shared="", **fields):
    """One contribution's row in HEADERS order."""
    values = {
        "channel": "en ligne",
        "event": "",
        "date": datetime.date(2025, 3, 15),
        "title": f"Proposition {reference}",
        "text": "Une piste cyclable séparée sur la rue Nationale.",
        "theme": "",
        "decidim_url": "",
        **fields,
    }
    return [
        reference,
        values["channel"],
        values["event"],
        values["date"],
        values["title"],
        values["text"],
        values["theme"],
        values["decidim_url"],
        decision,
        reason,
        shared,
    ]

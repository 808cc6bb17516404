"""One definition of "late": a report published after the promised date, or still missing after it. The same case
reads the same on the index, the consultation page, the report, the label's verification, the dashboard and the
feed; the index gives the participation dates apart from the answer date; pages show the records' dates."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
import time_machine

from consultations import status as statuses
from consultations.indicators import loading
from consultations.models import ConsultationPage
from tests.factories import (
    CharterPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    DashboardPageFactory,
    LabelAwardFactory,
    LabelLevelFactory,
    LabelPageFactory,
)
from tests.utils import visible_text

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=PARIS)
d = datetime.date


def published_on(page, day, hour=10):
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)


@pytest.fixture
def gardens(index_page, home_page, locales):
    """The shared gardens: participation 1 July - 20 August 2025, analysis to 30 October, answer promised by
    28 October 2025, report out on 12 November 2025 (15 days late); the schools: answer promised by 1 November 2026,
    no report (25 days late on 26 November 2026)."""
    with time_machine.travel(NOW, tick=False):
        page = ConsultationPageFactory(
            parent=index_page,
            slug="jardins-partages",
            title="Jardins partagés",
            phases=[(d(2025, 7, 1), d(2025, 8, 20)), (d(2025, 8, 21), d(2025, 10, 30), False)],
            announced_on=d(2025, 6, 9),
            answer_due_date=d(2025, 10, 28),
        )
        published_on(page, d(2025, 6, 9))
        report = ConsultationReportPageFactory(
            parent=page, responses=[{"proposal": "Des parcelles", "decision": "kept"}]
        )
        published_on(report, d(2025, 11, 12))
        schools = ConsultationPageFactory(
            parent=index_page,
            slug="ecoles",
            title="Écoles",
            phases=[(d(2026, 5, 1), d(2026, 7, 1))],
            answer_due_date=d(2026, 11, 1),
        )
        level = LabelLevelFactory()
        award = LabelAwardFactory(consultation=page, level=level, awarded_on=d(2025, 12, 1))
        label_page = LabelPageFactory(parent=home_page)
        DashboardPageFactory(parent=home_page)
        CharterPageFactory(parent=home_page)
    return {"page": page, "report": report, "schools": schools, "award": award, "label_page": label_page}


def test_the_rule(locales):
    due = d(2025, 10, 28)
    assert statuses.report_timeliness(due, d(2025, 10, 28), d(2026, 1, 1)).code == statuses.ON_TIME
    late = statuses.report_timeliness(due, d(2025, 11, 12), d(2026, 1, 1))
    assert (late.code, late.days_late, late.report_missing) == (statuses.LATE, 15, False)
    assert statuses.report_timeliness(due, None, d(2025, 10, 28)).code == statuses.NOT_DUE  # the day itself
    missing = statuses.report_timeliness(due, None, d(2025, 11, 2))
    assert (missing.code, missing.days_late, missing.report_missing) == (statuses.LATE, 5, True)
    assert statuses.report_timeliness(None, d(2025, 11, 12), d(2026, 1, 1)).code == statuses.ON_TIME
    assert statuses.report_timeliness(None, None, d(2026, 1, 1)).code == statuses.NOT_DUE


def test_a_late_report_reads_the_same_on_every_page(client, gardens):
    late = "Bilan publié le 12 novembre 2025, en retard de 15 jours"
    with time_machine.travel(NOW, tick=False):
        index = visible_text(client.get("/fr/concertations/"))
        page = visible_text(client.get(gardens["page"].url))
        report = visible_text(client.get(gardens["report"].url))
        label = gardens["label_page"]
        verification = visible_text(
            client.get(label.url + label.reverse_subpage("verify", args=[gardens["award"].code]).lstrip("/"))
        )
        dashboard = visible_text(client.get("/fr/tableau-de-bord/"))
        feed = ET.fromstring(client.get("/fr/concertations/feed/").content)  # noqa: S314 - our own response
    card = index.split("Jardins partagés Statut")[1].split("Écoles")[0]
    assert "Participation du 1er juillet 2025 au 20 août 2025" in card  # the analysis phase is not participation
    assert "Réponse promise pour le 28 octobre 2025" in card
    assert late in card
    assert "En retard : publié 15 jours après la date promise (28 octobre 2025)." in page
    assert "Annoncée le 9 juin 2025 Ouverture 1er juillet 2025 Réponse promise pour le 28 octobre 2025 " + late in page
    assert "Réponse promise pour le 28 octobre 2025 " + late in report
    checked = verification.split("Ce que montrent les données :")[1].split("Le badge")[0]
    assert "Bilan publié à la date promise : non (promis pour le 28 octobre 2025," in checked
    assert "publié le 12 novembre 2025, en retard de 15 jours" in checked
    assert "Critères de ce niveau" in verification and "Critères remplis" not in verification
    # The dashboard: of the two answers due (the gardens' and the schools'), none came on time.
    assert "Bilans à l'heure 0,0 %" in dashboard
    items = {item.findtext("title"): item.findtext("description") for item in feed.iter("item")}
    assert items["Jardins partagés"].startswith("Bilan publié. Bilan publié 15 jours après la date promise.")
    assert items["Écoles"].startswith("Réponse en retard. Bilan en retard : 25 jours après la date promise.")


def test_a_missing_report_reads_the_same_on_the_index_and_its_page(client, gardens):
    with time_machine.travel(NOW, tick=False):
        index = visible_text(client.get("/fr/concertations/"))
        page = visible_text(client.get(gardens["schools"].url))
    assert "Bilan pas encore publié, en retard de 25 jours" in index.split("Écoles Statut")[1]
    assert "Le bilan n'est pas encore publié : 25 jours de retard." in page
    assert "Bilan pas encore publié, en retard de 25 jours" in page


def test_the_records_and_the_pages_agree(gardens):
    with time_machine.travel(NOW, tick=False):
        records = {record.title: record for record in loading.load_records()}
        pages = {page.title: page for page in ConsultationPage.objects.all()}
        for title in ("Jardins partagés", "Écoles"):
            assert records[title].timeliness == pages[title].timeliness

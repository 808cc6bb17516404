"""The standard report: figures as numbers, decisions counted from the records, announced versus delivered impact."""

import datetime

import time_machine

from consultations.models import ConsultationEvent, ConsultationReportPage
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory, ContributionFactory, at
from tests.utils import visible_text

ANSWERS = [
    {"reference": "PM-0001", "channel": "in_person", "decision": "kept"},
    {
        "reference": "PM-0002",
        "channel": "online",
        "decision": "adapted",
        "reason": "Les huit gares principales d'abord.",
    },
    {
        "reference": "PM-0003",
        "channel": "online",
        "decision": "not_kept",
        "reason": "Les livraisons ont besoin d'aires dédiées.",
    },
    {"reference": "PM-0004", "channel": "written", "decision": "out_of_scope", "reason": "Elle relève du Département."},
]


def build(index_page):
    with time_machine.travel("2026-06-01 12:00 +02:00", tick=False):
        consultation = ConsultationPageFactory(
            parent=index_page,
            slug="velo",
            phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 3, 1))],
            impact_open="Le tracé précis de chaque ligne.",
            events=[
                {
                    "title": "Restitution publique",
                    "kind": ConsultationEvent.RESTITUTION,
                    "start": at(2026, 7, 1),
                    "end": at(2026, 7, 1, 20),
                    "address": "1 place de la Concertation, Exemple",
                }
            ],
        )
        for answer in ANSWERS:
            ContributionFactory(consultation=consultation, **answer)
        report = ConsultationReportPageFactory(parent=consultation)
    return consultation, report


def test_report_shows_figures_as_numbers_in_a_table(client, index_page):
    _consultation, report = build(index_page)
    with time_machine.travel("2026-06-02 12:00 +02:00", tick=False):
        html = client.get(report.url).content.decode()
    assert '<caption id="figures-caption">Participants, en ligne et en personne</caption>' in html
    figures = html.split('class="report-figures"')[1].split("</table>")[0]
    rows = figures.split("<tr>")[2:]
    assert '<th scope="row">Participants</th><td>1\xa0180</td><td>326</td><td>1\xa0506</td>' in rows[0]
    # Contributions come from the records, by channel: online, in person, letter or e-mail, other, total.
    channels = html.split('class="report-channels"')[1].split("</table>")[0]
    assert "<td>2</td><td>1</td><td>1</td><td>0</td><td>4</td>" in channels
    text = visible_text(type("R", (), {"content": html.encode()}))
    assert "4 rencontres tenues" in text
    assert "352 présences au total aux rencontres" in text
    # The typed figures (1 214 online, 231 in person) count more than the records: the page says what each counts.
    assert "1 214 contributions en ligne saisies dans le bilan" in text
    assert "231 contributions en personne saisies dans le bilan" in text


def test_report_answers_every_contribution_with_its_reason(client, index_page):
    _consultation, report = build(index_page)
    with time_machine.travel("2026-06-02 12:00 +02:00", tick=False):
        html = client.get(report.url).content.decode()
        permalink = visible_text(client.get(f"{report.url}contributions/PM-0003/"))
    for label in ["Retenue : 1", "Adaptée : 1", "Non retenue : 1", "Hors sujet : 1", "Encore à l’étude : 0"]:
        assert label in html
    assert f'href="{report.url}contributions/"' in html
    assert "Non retenue" in permalink and "Les livraisons ont besoin d'aires dédiées." in permalink


def test_announced_impact_comes_from_the_consultation_beside_the_delivered_one(client, index_page):
    consultation, report = build(index_page)
    with time_machine.travel("2026-06-02 12:00 +02:00", tick=False):
        text = visible_text(client.get(report.url))
    compare = text.split("Impact annoncé et impact réel")[-1]
    assert "Annoncé au lancement" in compare and "Réalisé" in compare
    assert "Le tracé précis de chaque ligne." in compare
    assert "Le tracé par les quais a été voté." in compare
    assert "Réunion de restitution" in text and "Restitution publique" in text


def test_the_consultation_links_to_its_published_report(client, index_page):
    consultation, report = build(index_page)
    with time_machine.travel("2026-06-02 12:00 +02:00", tick=False):
        html = client.get(consultation.url).content.decode()
    assert f'href="{report.url}"' in html
    assert "Lire le bilan" in html


def test_a_consultation_has_at_most_one_report(index_page):
    consultation, _report = build(index_page)
    assert not ConsultationReportPage.can_create_at(consultation)

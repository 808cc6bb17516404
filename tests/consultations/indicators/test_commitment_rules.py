"""Each charter commitment measured by its own rule: every rule recomputed by hand from small fixtures (including
"not measured"), seen the same on the dashboard and on the commitment's page, within a query count that does not
grow with commitments or consultations."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from charter_pages import rules
from charter_pages.models import Commitment
from consultations.indicators import commitments as measuring
from consultations.indicators import loading
from consultations.models import ConsultationEvent, ConsultationPage, Contribution
from tests.factories import (
    CharterPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    DashboardPageFactory,
    UserFactory,
    at,
)
from tests.utils import visible_text
from training.models import Attestation, StaffProfile

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=PARIS)
d = datetime.date

# Commitment number -> (rule, threshold); number 9 has none.
RULES = {
    1: (rules.ANNOUNCED_AHEAD, 21),
    2: (rules.IMPACT_BEFORE_LAUNCH, 100),
    3: (rules.REPORT_ON_TIME, 100),
    4: (rules.CONTRIBUTIONS_ANSWERED, 60),
    5: (rules.EVENTS_IN_PERSON, 50),
    6: (rules.EVENTS_ACCESSIBLE, 100),
    7: (rules.EASY_READ_SUMMARY, 50),
    8: (rules.STAFF_TRAINED, 50),
}


def event(title, fmt, day, **fields):
    values = {"title": title, "format": fmt, "start": at(*day), "end": at(*day, hour=20)}
    if fmt != ConsultationEvent.IN_PERSON:
        values["online_url"] = "https://visio.example.org/"
    if fmt != ConsultationEvent.ONLINE:
        values["address"] = "1 place de la Mairie"
    values.update(fields)
    return values


def published_on(page, day):
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=PARIS)
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)


def staff_member(name, active=True):
    user = UserFactory(username=name, is_active=active)
    StaffProfile.objects.create(user=user, service="Mobilités")
    return user


def attestation(user, code, superseded=False):
    Attestation.objects.create(
        user=user,
        module_key="6f1c1d8e-0000-4000-8000-000000000001",
        holder_name=user.username,
        module_title="La charte",
        duration_hours=7,
        completed_at=NOW,
        code=code,
        superseded=superseded,
    )


@pytest.fixture
def world(index_page, home_page, locales):
    """Four consultations A-D applying commitments 1-7 and 9; the figures of each rule are worked out in
    test_each_rule_computed_by_hand."""
    with time_machine.travel(NOW, tick=False):
        charter = CharterPageFactory(parent=home_page, commitments_per_chapter=(9,))
        commitments = {c.number: c for c in Commitment.objects.filter(chapter__page=charter)}
        for number, (rule, threshold) in RULES.items():
            Commitment.objects.filter(pk=commitments[number].pk).update(measure_rule=rule, measure_threshold=threshold)
        commitments = {c.number: c for c in Commitment.objects.filter(chapter__page=charter)}
        a = ConsultationPageFactory(
            parent=index_page,
            slug="a-velo",
            phases=[(d(2025, 3, 1), d(2025, 4, 30))],
            announced_on=d(2025, 2, 1),  # 28 days ahead
            answer_due_date=d(2025, 9, 30),
            easy_read_summary="On refait les pistes.\nDonnez votre avis.",
            events=[
                event("A1", ConsultationEvent.IN_PERSON, (2025, 3, 10), step_free_access=True),
                event("A2", ConsultationEvent.IN_PERSON, (2025, 3, 20)),
                event("A3", ConsultationEvent.ONLINE, (2025, 4, 2)),
            ],
        )
        b = ConsultationPageFactory(
            parent=index_page,
            slug="b-jardins",
            phases=[(d(2025, 5, 1), d(2025, 6, 30))],
            announced_on=d(2025, 4, 20),  # 11 days ahead
            answer_due_date=d(2025, 10, 28),
            events=[event("B1", ConsultationEvent.HYBRID, (2025, 5, 15), public_transport="Bus 12")],
        )
        c = ConsultationPageFactory(
            parent=index_page,
            slug="c-ecoles",
            phases=[(d(2026, 10, 1), d(2027, 1, 31))],  # opened without an announcement date
            answer_due_date=d(2027, 3, 31),
            easy_read_summary="Les écoles changent.",
            events=[
                event("C1", ConsultationEvent.IN_PERSON, (2026, 10, 8), hearing_loop=True, contributions_count=12),
                event("C2", ConsultationEvent.ONLINE, (2026, 10, 20)),
            ],
        )
        e = ConsultationPageFactory(
            parent=index_page,
            slug="d-berges",
            phases=[(d(2027, 1, 10), d(2027, 3, 1))],  # still to open, no announcement date yet
            answer_due_date=d(2027, 6, 30),
        )
        applied = [commitments[number] for number in (1, 2, 3, 4, 5, 6, 7, 9)]
        for page in (a, b, c, e):
            page.commitments.set(applied)
            page.save_revision().publish()
        published_on(a, d(2025, 2, 1))
        published_on(b, d(2025, 5, 10))  # put online after it opened: its impact came late
        published_on(c, d(2026, 9, 1))
        report_a = ConsultationReportPageFactory(parent=a, contributions_online=200, contributions_in_person=50)
        # A's 250 contributions are answered, one by one; B's 100 have no decision (its report answers nothing).
        Contribution.objects.bulk_create(
            Contribution(consultation=a, reference=f"A-{n:04d}", submitted_on=d(2025, 3, 15), title=f"A {n}",
                         body=f"Proposition {n}", decision=Contribution.KEPT)
            for n in range(250)
        )  # fmt: skip
        Contribution.objects.bulk_create(
            Contribution(consultation=b, reference=f"B-{n:04d}", submitted_on=d(2025, 5, 15), title=f"B {n}",
                         body=f"Proposition {n}")
            for n in range(100)
        )  # fmt: skip
        published_on(report_a, d(2025, 9, 15))  # on time
        report_b = ConsultationReportPageFactory(parent=b, contributions_online=80, contributions_in_person=20)
        published_on(report_b, d(2025, 11, 12))  # 15 days late, and it answers nothing
        trained = staff_member("agent-forme")
        attestation(trained, "AAAA-BBBB-CCC2")
        attestation(staff_member("agent-double"), "AAAA-BBBB-CCC3", superseded=True)
        staff_member("agent-nouveau")
        attestation(staff_member("agent-parti", active=False), "AAAA-BBBB-CCC4")
        dashboard = DashboardPageFactory(parent=home_page, title="Tableau de bord", slug="tableau-de-bord")
    return {"commitments": commitments, "dashboard": dashboard, "pages": (a, b, c, e)}


def measured(world):
    records = loading.load_records(Locale.objects.get(language_code="fr"))
    commitments = list(world["commitments"].values())
    measures = measuring.measure_all(commitments, records)
    return {commitment.number: measures[commitment.pk] for commitment in commitments}


def test_each_rule_computed_by_hand(world):
    with time_machine.travel(NOW, tick=False):
        results = measured(world)
    figures = {number: (m.passed, m.counted, m.verdict) for number, m in results.items()}
    # 1: A 28 days ahead (yes), B 11 days (no), C opened with no date recorded (no), D not open yet (not counted).
    assert figures[1] == (1, 3, rules.NOT_KEPT)
    # 2: impact written everywhere; put online by the opening: A, C, D yes, B (online 10 May, opened 1 May) no.
    assert figures[2] == (3, 4, rules.NOT_KEPT)
    # 3: A on time, B 15 days late; C and D not due.
    assert figures[3] == (1, 2, rules.NOT_KEPT)
    # 4: A's 250 answered, B's 100 not (its report has no answer); C and D not due: 250 / 350 = 71.4 % >= 60 %.
    assert figures[4] == (250, 350, rules.KEPT)
    assert results[4].share == 71.4
    # 5: A1, A2, B1, C1 in person or hybrid among 6 events: 66.7 % >= 50 %.
    assert figures[5] == (4, 6, rules.KEPT)
    # 6: of those four, A2 says nothing of its access: 75 % < 100 %.
    assert figures[6] == (3, 4, rules.NOT_KEPT)
    # 7: A and C give an easy-to-read summary: 2 of 4, 50 % >= 50 %.
    assert figures[7] == (2, 4, rules.KEPT)
    # 8: three active staff members; one holds an attestation (a superseded one and an inactive account do not count).
    assert figures[8] == (1, 3, rules.NOT_KEPT)
    # 9: no rule.
    assert figures[9] == (0, 0, rules.NOT_MEASURED)
    details = {item.title: rules.check_detail(results[1].rule, item) for item in results[1].checks}
    assert str(details["A velo"]) == "annoncée 28 jours avant l'ouverture"
    assert str(details["C ecoles"]) == "aucune date d'annonce enregistrée"
    assert str(details["D berges"]) == "pas encore mesurable"


def test_a_rule_nothing_can_measure_yet_says_so(world, index_page):
    c3 = world["commitments"][3]
    with time_machine.travel(NOW, tick=False):
        records = [r for r in loading.load_records() if r.title == "D berges"]
        measure = measuring.measure(c3, records)
    assert (measure.verdict, str(measure.verdict_label), measure.result) == (rules.NOT_YET, "Pas encore mesurable", "")


def test_the_commitment_page_states_its_rule_next_to_its_result(client, world):
    with time_machine.travel(NOW, tick=False):
        first = visible_text(client.get("/fr/charte/engagements/1/"))
        staff = visible_text(client.get("/fr/charte/engagements/8/"))
        none = visible_text(client.get("/fr/charte/engagements/9/"))
    assert "Cet engagement est-il tenu ? Non tenu – 1 sur 3 concertations (33,3 %)" in first
    assert "La règle : Tenu si chaque concertation qui l'applique a été annoncée au moins 21 jours avant" in first
    assert (
        "A velo (ouverte le 1er mars 2025, publiée le 1er février 2025) : annoncée 28 jours avant l'ouverture" in first
    )
    assert "B jardins (ouverte le 1er mai 2025, publiée le 10 mai 2025) : annoncée 11 jours avant l'ouverture" in first
    assert "C ecoles (ouverte le 1er octobre 2026, publiée le 1er septembre 2026) : aucune date d'annonce" in first
    assert "D berges (ouvre le 10 janvier 2027, publiée le 26 novembre 2026) : pas encore mesurable" in first
    assert "Non tenu – 1 sur 3 agents (33,3 %)" in staff
    assert "Calculé à partir des données de formation des agents" in staff
    assert "Cet engagement est-il tenu ? Non mesuré automatiquement" in none
    assert "Pour le vérifier vous-même : Preuve publique 9." in none


def test_the_dashboard_shows_the_same_measures(client, world):
    with time_machine.travel(NOW, tick=False):
        html = client.get("/fr/tableau-de-bord/").content.decode()
    rows_html = {
        number: next(row for row in html.split("<tr>") if f"engagements/{number}/" in row) for number in (1, 4, 8, 9)
    }
    rows = {number: visible_text_of(row) for number, row in rows_html.items()}
    # The verdict comes right after the commitment, where a phone shows it without scrolling the table.
    verdicts = {number: visible_text_of(row.split("<td>")[1]).strip() for number, row in rows_html.items()}
    assert "annoncée au moins 21 jours avant" in rows[1] and "1 sur 3 concertations (33,3 %)" in rows[1]
    assert verdicts[1] == "Non tenu"
    assert "250 sur 350 contributions (71,4 %)" in rows[4] and verdicts[4] == "Tenu"
    assert "1 sur 3 agents (33,3 %)" in rows[8]
    assert "Non mesuré automatiquement. Pour le vérifier : Preuve publique 9." in rows[9]


def visible_text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_measuring_every_commitment_costs_no_query_per_commitment_or_consultation(
    client, world, index_page, django_assert_max_num_queries
):
    """The dashboard measures every commitment from the records it loaded, plus one query for the staff figure."""
    with time_machine.travel(NOW, tick=False):
        with CaptureQueriesContext(connection) as few:
            client.get("/fr/tableau-de-bord/")
        applied = list(world["commitments"].values())
        for number in range(6):
            page = ConsultationPageFactory(
                parent=index_page,
                slug=f"n-{number}",
                phases=[(d(2026, 1, 1 + number), d(2026, 3, 1))],
                announced_on=d(2025, 12, 1),
                events=[event(f"N{number}", ConsultationEvent.IN_PERSON, (2026, 1, 5))],
            )
            page.commitments.set(applied)
            page.save_revision().publish()
        with django_assert_max_num_queries(len(few), info="dashboard with 10 consultations as with 4"):
            client.get("/fr/tableau-de-bord/")


@pytest.mark.parametrize(
    ("rule", "threshold", "field", "message"),
    [
        (rules.ANNOUNCED_AHEAD, None, "measure_threshold", "Indiquez le nombre de jours"),
        (rules.EVENTS_IN_PERSON, None, "measure_threshold", "Indiquez la part minimale"),
        (rules.EVENTS_IN_PERSON, 120, "measure_threshold", "ne peut pas dépasser 100"),
        ("", 30, "measure_threshold", "Choisissez comment l'engagement est mesuré"),
    ],
)
def test_a_rule_without_a_sensible_threshold_is_refused(world, rule, threshold, field, message):
    commitment = world["commitments"][1]
    commitment.measure_rule, commitment.measure_threshold = rule, threshold
    with pytest.raises(ValidationError) as error:
        commitment.clean()
    assert message in " ".join(str(text) for text in error.value.message_dict[field])


def test_consultation_records_hold_what_the_rules_read(world):
    with time_machine.travel(NOW, tick=False):
        records = {record.title: record for record in loading.load_records()}
    a = records["A velo"]
    assert (a.announced_on, a.first_published_on, a.impact_filled, a.easy_read) == (
        d(2025, 2, 1),
        d(2025, 2, 1),
        True,
        True,
    )
    assert (a.events, a.events_in_person, a.events_in_person_with_access) == (3, 2, 1)
    assert ConsultationPage.objects.get(slug="b-jardins").announced_days_ahead == 11

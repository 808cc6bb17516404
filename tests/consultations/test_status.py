"""A consultation's status is derived from its phases, its promised answer date and its report: never typed."""

import datetime

import time_machine
from wagtail.models import PageViewRestriction

from consultations import status as statuses
from consultations.models import ConsultationPage
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory
from tests.utils import visible_text

PHASES = [
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
    (datetime.date(2026, 4, 15), datetime.date(2026, 4, 30)),
    (datetime.date(2026, 5, 1), datetime.date(2026, 6, 30), False),  # analysis: not open to contributions
]
ANSWER = datetime.date(2026, 9, 1)


def status_on(client, page, moment):
    with time_machine.travel(moment, tick=False):
        fresh = type(page).objects.get(pk=page.pk)
        return fresh.status.code, visible_text(client.get(page.url))


def test_upcoming_before_the_first_phase(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    code, text = status_on(client, page, "2026-02-10 12:00 +01:00")
    assert code == statuses.UPCOMING
    assert "À venir" in text


def test_open_during_a_participation_phase_and_between_two(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    code, text = status_on(client, page, "2026-03-10 12:00 +01:00")
    assert code == statuses.OPEN
    assert "Ouverte" in text
    assert "Phase en cours" in text
    code, _text = status_on(client, page, "2026-04-05 12:00 +02:00")  # between the two participation phases
    assert code == statuses.OPEN


def test_analysis_after_the_last_participation_phase(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    code, text = status_on(client, page, "2026-05-10 12:00 +02:00")
    assert code == statuses.ANALYSIS
    assert "En analyse" in text


def test_overdue_when_the_promised_date_passed_without_a_report(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    code, _text = status_on(client, page, "2026-09-01 12:00 +02:00")  # the promised day itself is not late
    assert code == statuses.ANALYSIS
    code, text = status_on(client, page, "2026-09-02 12:00 +02:00")
    assert code == statuses.OVERDUE
    assert "Réponse en retard" in text
    assert "En retard" in text


def test_report_published_wins_even_after_the_promised_date(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    with time_machine.travel("2026-08-20 12:00 +02:00", tick=False):
        report = ConsultationReportPageFactory(parent=page)
    code, text = status_on(client, page, "2026-10-01 12:00 +02:00")
    assert code == statuses.REPORT
    assert "Bilan publié" in text
    report.unpublish()
    code, _text = status_on(client, page, "2026-10-01 12:00 +02:00")
    assert code == statuses.OVERDUE


def test_current_phase_is_marked_in_text(client, index_page):
    page = ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER)
    with time_machine.travel("2026-04-20 12:00 +02:00", tick=False):
        html = client.get(page.url).content.decode()
    assert html.count('aria-current="step"') == 1
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Phase 1" in current
    assert "Phase en cours" in current


def test_without_phases_a_consultation_is_upcoming():
    assert statuses.derive_status([], None, False, datetime.date(2026, 1, 1)).code == statuses.UPCOMING


def test_the_database_derives_the_same_status_as_python_on_every_day(index_page):
    """The index filters and pages in SQL (status.annotate_status); the consultation page derives in Python. Both
    must agree for every kind of timeline, on every day around its dates."""
    analysis_only = [(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), False)]
    pages = [
        ConsultationPageFactory(parent=index_page, slug="plan-marche", phases=PHASES, answer_due_date=ANSWER),
        ConsultationPageFactory(parent=index_page, slug="sans-phase", phases=(), answer_due_date=ANSWER),
        ConsultationPageFactory(
            parent=index_page, slug="sans-participation", phases=analysis_only, answer_due_date=ANSWER
        ),
        ConsultationPageFactory(parent=index_page, slug="sans-date-promise", phases=PHASES),
    ]
    ConsultationPage.objects.filter(pk=pages[-1].pk).update(answer_due_date=None)  # a draft-era page, say
    ConsultationReportPageFactory(
        parent=ConsultationPageFactory(
            parent=index_page, slug="avec-bilan", phases=PHASES, answer_due_date=datetime.date(2026, 3, 15)
        )
    )
    # Reports published late, on the promised day, and late by minutes past midnight in Paris (still UTC's eve).
    for slug, due, published in (
        ("bilan-en-retard", datetime.date(2026, 4, 10), datetime.datetime(2026, 4, 25, 10, tzinfo=datetime.UTC)),
        ("bilan-le-jour-dit", datetime.date(2026, 4, 25), datetime.datetime(2026, 4, 25, 21, tzinfo=datetime.UTC)),
        ("bilan-apres-minuit", datetime.date(2026, 4, 25), datetime.datetime(2026, 4, 25, 22, 30, tzinfo=datetime.UTC)),
    ):
        late = ConsultationReportPageFactory(
            parent=ConsultationPageFactory(parent=index_page, slug=slug, phases=PHASES, answer_due_date=due)
        )
        type(late).objects.filter(pk=late.pk).update(first_published_at=published)
    private = ConsultationReportPageFactory(
        parent=ConsultationPageFactory(parent=index_page, slug="bilan-prive", phases=PHASES, answer_due_date=ANSWER)
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    days = [datetime.date(2026, 2, 28) + datetime.timedelta(days=offset) for offset in range(0, 200, 3)]
    days += [ANSWER, ANSWER + datetime.timedelta(days=1), datetime.date(2026, 3, 31), datetime.date(2026, 4, 1)]
    assert len(pages) == 4
    for day in days:
        annotated = statuses.annotate_status(ConsultationPage.objects.child_of(index_page), day)
        for page in annotated.prefetch_related("phases"):
            expected = statuses.derive_status(
                list(page.phases.all()), page.answer_due_date, page.published_report is not None, day
            )
            assert (page.slug, day, page.status_code) == (page.slug, day, expected.code)
            # Lateness too: the database's `timeliness_code` and report day against status.report_timeliness.
            report = page.published_report
            published = statuses.publication_day(report.first_published_at) if report else None
            assert page.report_published_on == published
            timeliness = statuses.report_timeliness(page.answer_due_date, published, day)
            assert (page.slug, day, page.timeliness_code) == (page.slug, day, timeliness.code)

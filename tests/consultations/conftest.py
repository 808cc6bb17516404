"""Factories for the consultations tests: an index, consultations with phases and events, reports."""

import datetime
import io
import zoneinfo
from pathlib import Path

import pytest
from django.core.management import call_command

from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    ReportResponse,
    Territory,
)
from tests.utils import publish_child

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(year, month, day, hour=18, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


IMPACT = {
    "summary": "Un projet à discuter.",
    "question": "Que faut-il changer ?",
    "decision_maker": "Le conseil métropolitain",
    "service_in_charge": "Direction des mobilités",
    "impact_decision": "Le conseil votera le plan.",
    "impact_open": "Les itinéraires prioritaires.",
    "impact_closed": "Le budget global.",
    "impact_use": "Chaque contribution reçoit une réponse.",
    "decidim_url": "https://participer.example.org/processes/test",
}


def make_consultation(index, slug, phases=(), events=(), answer_due_date=datetime.date(2026, 12, 31), **fields):
    """Publish a consultation under `index`; `phases` are (start, end) or (start, end, is_participation)."""
    values = {"title": slug.replace("-", " ").capitalize(), **IMPACT, **fields}
    page = ConsultationPage(
        slug=slug,
        answer_due_date=answer_due_date,
        phases=[
            ConsultationPhase(
                title=f"Phase {position}",
                start_date=phase[0],
                end_date=phase[1],
                is_participation=phase[2] if len(phase) > 2 else True,
                sort_order=position,
            )
            for position, phase in enumerate(phases)
        ],
        events=[
            ConsultationEvent(sort_order=position, **{"format": ConsultationEvent.IN_PERSON, **event})
            for position, event in enumerate(events)
        ],
        **values,
    )
    return publish_child(index, page)


REPORT_FIELDS = {
    "project_reminder": "<p>Le plan marche et sa question.</p>",
    "organisation": "<p>En ligne et en réunion.</p>",
    "participants_online": 1180,
    "participants_in_person": 326,
    "contributions_online": 1214,
    "contributions_in_person": 231,
    "events_held": 4,
    "total_attendance": 352,
    "heard": "<p>Des pistes séparées.</p>",
    "delivered_impact": "<p>Le tracé par les quais a été voté.</p>",
}


def make_report(consultation, responses=(), **fields):
    report = ConsultationReportPage(
        title="Bilan",
        slug="bilan",
        responses=[ReportResponse(sort_order=position, **row) for position, row in enumerate(responses)],
        **{**REPORT_FIELDS, **fields},
    )
    return publish_child(consultation, report)


@pytest.fixture
def index_page(home_page):
    return publish_child(home_page, ConsultationIndexPage(title="Concertations", slug="concertations"))


@pytest.fixture
def territory(locales):
    return Territory.objects.create(name="Val-de-Marque", slug="val-de-marque", locale=locales["fr"])


@pytest.fixture
def admin_client(client, django_user_model, locales):
    user = django_user_model.objects.create_superuser("editrice", "editrice@example.org", "motdepasse")
    client.force_login(user)
    return client


DECIDIM_FILES = Path(__file__).parent / "decidim"  # small Decidim open-data exports written by hand


def run_import(source, consultation, *extra, process="plan-velo"):
    """`manage.py import_decidim` on `source` for `consultation`; returns what it printed."""
    out = io.StringIO()
    call_command(
        "import_decidim", str(source), "--process", process, "--consultation", str(consultation.pk), *extra, stdout=out
    )
    return out.getvalue()

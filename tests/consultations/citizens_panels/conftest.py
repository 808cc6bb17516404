"""Fixtures for the citizens' panels: a consultation and a panel whose criteria give 8 strata of 3 seats."""

import datetime

import pytest

from consultations.citizens_panels.models import CitizensPanel
from tests.factories import ConsultationPageFactory

CRITERIA = (
    "Tranche d'âge : 16-29 ans (22), 30-44 ans (25), 45-59 ans (26), 60 ans et plus (27)\n"
    "Genre : Femme (52), Homme (48)"
)


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="alimentation", phases=[(datetime.date(2026, 1, 1), datetime.date(2027, 12, 1))]
    )


@pytest.fixture
def panel(consultation):
    return CitizensPanel.objects.create(
        consultation=consultation,
        title="Les 24 membres du panel citoyen",
        method="Lettres d'invitation et stands sur les marchés.",
        criteria=CRITERIA,
        seats=24,
        seed_source="Dix dés lancés en séance.",
    )

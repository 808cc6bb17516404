"""Random draws: stored with their list, fingerprint, seed and algorithm, so anyone can re-run them."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from consultations.models import RandomDraw
from consultations.models.draw import draw, fingerprint
from tests.factories import ConsultationPageFactory
from tests.utils import visible_text

PROPOSALS = [f"Proposition {number}" for number in range(1, 25)]


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="plan-marche", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))]
    )


def test_the_draw_is_reproducible_from_its_record(consultation):
    record = RandomDraw.perform(consultation, "Huit propositions", "En public.", PROPOSALS, 8, seed="graine-publique")
    stored = RandomDraw.objects.get(pk=record.pk)
    assert stored.population == PROPOSALS and stored.population_size == 24
    assert stored.population_fingerprint == hashlib.sha256("\n".join(PROPOSALS).encode()).hexdigest()
    # Re-run by hand, from the published description only: rank by SHA-256 of "seed\nentry", keep the first 8.
    by_hand = sorted(PROPOSALS, key=lambda item: hashlib.sha256(f"graine-publique\n{item}".encode()).hexdigest())[:8]
    assert stored.result == by_hand
    assert stored.rerun() == stored.result
    assert stored.is_verified
    assert len(set(stored.result)) == 8


def test_a_tampered_record_no_longer_verifies(consultation):
    record = RandomDraw.perform(consultation, "Huit", "En public.", PROPOSALS, 8, seed="s")
    record.result = list(reversed(record.result))
    assert not record.is_verified


def test_a_different_seed_gives_a_different_draw_and_no_seed_gets_a_random_one(consultation):
    assert draw(PROPOSALS, 8, "a") != draw(PROPOSALS, 8, "b")
    record = RandomDraw.perform(consultation, "Huit", "En public.", PROPOSALS, 8)
    assert len(record.seed) == 32


def test_the_list_is_normalised_and_the_count_checked(consultation):
    record = RandomDraw.perform(consultation, "Deux", "M.", ["  Une   idée ", "", "Autre idée"], 2, seed="x")
    assert record.population == ["Une idée", "Autre idée"]
    assert record.population_fingerprint == fingerprint(["Une idée", "Autre idée"])
    with pytest.raises(ValidationError):
        RandomDraw.perform(consultation, "Trop", "M.", ["a", "b"], 3, seed="x")


def test_the_command_performs_and_stores_a_draw(consultation, tmp_path):
    source = tmp_path / "liste.txt"
    source.write_text("\n".join(PROPOSALS), encoding="utf-8")
    output = io.StringIO()
    call_command(
        "random_draw",
        consultation.pk,
        "--title=Huit propositions",
        "--method=Tirage public",
        "--count=8",
        f"--file={source}",
        "--seed=graine",
        stdout=output,
    )
    record = RandomDraw.objects.get()
    assert record.result == draw(PROPOSALS, 8, "graine")
    assert record.seed in output.getvalue()


def test_the_draw_is_shown_so_anyone_can_check_it(client, consultation):
    record = RandomDraw.perform(consultation, "Huit propositions", "Tirage en public.", PROPOSALS, 8, seed="graine")
    text = visible_text(client.get(consultation.url))
    assert "Tirages au sort" in text
    assert record.seed in text
    assert record.population_fingerprint in text
    assert "sha256-rank-v1" in text
    assert "Vérifier ce tirage vous-même" in text
    for item in record.result:
        assert item in text


def test_editors_perform_a_draw_in_the_admin(admin_client, consultation):
    response = admin_client.post(
        "/admin/random_draws/new/",
        {
            "consultation": consultation.pk,
            "title": "Huit propositions",
            "method": "Tirage en public.",
            "count": 8,
            "seed": "graine",
            "items": "\n".join(PROPOSALS),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = RandomDraw.objects.get()
    assert record.result == draw(PROPOSALS, 8, "graine")
    assert record.performed_by == "editrice"


def test_the_admin_lists_and_shows_draws(admin_client, consultation):
    record = RandomDraw.perform(consultation, "Huit propositions", "Tirage en public.", PROPOSALS, 8, seed="graine")
    listing = admin_client.get("/admin/random_draws/")
    assert listing.status_code == 200 and "Huit propositions" in listing.content.decode()
    inspect = admin_client.get(f"/admin/random_draws/inspect/{record.pk}/")
    assert inspect.status_code == 200 and record.population_fingerprint in inspect.content.decode()
    assert admin_client.get("/admin/snippets/consultations/territory/").status_code == 200

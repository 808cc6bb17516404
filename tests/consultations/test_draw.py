"""Random draws, commit then reveal: the list and its fingerprint published first, with their date, the public seed
entered after, nothing changeable once published; the page, the file, the admin and the command."""

import datetime
import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations import draws
from consultations.models import ConsultationEvent, RandomDraw
from tests.factories import ConsultationPageFactory, RandomDrawFactory, translate
from tests.utils import visible_text

PROPOSALS = [f"Proposition {number}" for number in range(1, 25)]
SEED = "4-1-6-6-2-5-3-1-5-2"


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page, slug="plan-marche", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))]
    )


def entries_path(consultation, record):
    return f"{consultation.url}tirage/{record.pk}/entrees.txt"


# The algorithm ------------------------------------------------------------------------------------------------


def test_the_algorithm_is_the_one_described_in_plain_words():
    by_hand = sorted(PROPOSALS, key=lambda item: hashlib.sha256(f"{SEED}\n{item}".encode()).hexdigest())[:8]
    assert draws.draw(PROPOSALS, 8, SEED) == by_hand
    assert draws.draw(PROPOSALS, 8, "another seed") != by_hand
    file = draws.entries_file(PROPOSALS)
    assert file == ("\n".join(PROPOSALS) + "\n").encode()
    assert draws.fingerprint(PROPOSALS) == hashlib.sha256(file).hexdigest()
    assert draws.read_entries_file(file) == PROPOSALS


def test_a_changed_line_or_order_gives_another_fingerprint():
    published = draws.fingerprint(PROPOSALS)
    one_line_changed = [*PROPOSALS[:3], "Proposition 4 bis", *PROPOSALS[4:]]
    order_changed = [PROPOSALS[1], PROPOSALS[0], *PROPOSALS[2:]]
    assert len({published, draws.fingerprint(one_line_changed), draws.fingerprint(order_changed)}) == 3


# Commit then reveal ---------------------------------------------------------------------------------------------


@pytest.mark.sqlite
def test_the_list_is_published_before_the_draw_with_its_fingerprint_and_seed_source(client, consultation):
    record = RandomDrawFactory(consultation=consultation, seed=None, items=["  Une   idée ", "", "Autre idée"], count=1)
    assert record.population == ["Une idée", "Autre idée"] and not record.is_drawn

    text = visible_text(client.get(consultation.url))
    assert "Pas encore tiré." in text
    assert "Liste publiée le" in text
    assert record.population_fingerprint in text
    assert "D'où vient la graine Dix dés lancés en séance, chacun par une personne du public." in text
    assert "Graine lue au tirage" in text

    response = client.get(entries_path(consultation, record))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="entrees.txt"'
    assert response.content == "Une idée\nAutre idée\n".encode()
    assert hashlib.sha256(response.content).hexdigest() == record.population_fingerprint


def test_a_seed_entered_before_or_at_the_list_s_publication_is_refused(consultation):
    record = RandomDrawFactory(consultation=consultation, seed=None)
    for moment in (record.list_published_at, record.list_published_at - datetime.timedelta(minutes=1)):
        with pytest.raises(ValidationError) as refused:
            record.perform(SEED, performed_at=moment)
        assert "La graine doit être saisie après la publication de la liste" in " ".join(refused.value.messages)
    record.refresh_from_db()
    assert not record.is_drawn and record.seed == "" and record.result == []
    # The database holds the rule too, whatever writes to it.
    with transaction.atomic(), pytest.raises(IntegrityError):
        RandomDraw.objects.filter(pk=record.pk).update(seed=SEED, performed_at=record.list_published_at)


def test_the_list_and_then_the_seed_cannot_change_once_published(consultation):
    record = RandomDrawFactory(consultation=consultation, seed=None)
    record.population = [*record.population[:-1], "Proposition glissée"]
    with pytest.raises(ValidationError):
        record.save()
    record.refresh_from_db()
    record.seed_source = "Finalement, une graine choisie par la Métropole."
    with pytest.raises(ValidationError):
        record.save()
    record.refresh_from_db()
    record.perform(SEED)
    assert record.result == draws.draw(PROPOSALS, 8, SEED) and record.is_verified
    with pytest.raises(ValidationError):
        record.perform("1-1-1-1-1-1-1-1-1-1")
    record.result = list(reversed(record.result))
    assert not record.is_verified
    with pytest.raises(ValidationError):
        record.save()
    record.refresh_from_db()
    record.title = "Les huit propositions présentées à la Fabrique à idées"
    record.save()  # the wording may still change


def test_a_draw_needs_a_list_a_count_within_it_and_a_seed_source(consultation):
    with pytest.raises(ValidationError):
        RandomDrawFactory(consultation=consultation, items=["", "  "])
    with pytest.raises(ValidationError):
        RandomDrawFactory(consultation=consultation, items=["a", "b"], count=3)
    with pytest.raises(ValidationError):
        RandomDrawFactory(consultation=consultation, seed_source="  ")


# The page -------------------------------------------------------------------------------------------------------


@pytest.mark.sqlite
def test_the_drawn_draw_is_shown_so_anyone_can_check_it(client, consultation):
    record = RandomDrawFactory(consultation=consultation)
    response = client.get(consultation.url)
    text = visible_text(response)
    html = response.content.decode()
    assert "Tirages au sort" in text
    assert f"Graine {SEED}" in text
    assert record.population_fingerprint in text
    assert "Comment ce tirage fonctionne" in text
    assert "Avant le tirage, le" in text and "la Métropole a publié la liste" in text
    assert "Vérifier ce tirage vous-même" in text
    assert f'python3 replay_draw.py entrees.txt "{SEED}" 8' in text
    assert f'href="{entries_path(consultation, record)}" download="entrees.txt"' in html
    drawn = html.split('<ol class="draw-result">', 1)[1].split("</ol>", 1)[0]
    assert [item for item in PROPOSALS if f"<li>{item}</li>" in drawn] == sorted(record.result, key=PROPOSALS.index)
    listed = html.split('<ol class="draw-list">', 1)[1].split("</ol>", 1)[0]
    assert listed == "".join(f"<li>{item}</li>" for item in PROPOSALS), "the list, in its published order"


@pytest.mark.sqlite
def test_the_page_explains_the_draw_in_english_and_the_file_has_english_words(
    client, consultation, home_page_en, locales
):
    record = RandomDrawFactory(consultation=consultation)
    index_en = translate(consultation.get_parent().specific, locales["en"], title="Consultations", slug="consultations")
    english = translate(consultation, locales["en"], title="Walking plan", slug="walking-plan")
    assert index_en.live
    text = visible_text(client.get(english.url))
    assert "List published on" in text
    assert "Where the seed comes from" in text
    assert "How this draw works" in text
    assert "Before the draw, on" in text and "the Métropole published the list" in text
    assert "Check this draw yourself" in text
    assert f'python3 replay_draw.py entries.txt "{SEED}" 8' in text
    file_url = f"{english.url}draw/{record.pk}/entries.txt"
    response = client.get(file_url)
    assert response.status_code == 200 and response.content == draws.entries_file(PROPOSALS)
    assert response["Content-Disposition"] == 'inline; filename="entries.txt"'
    # French words, perhaps printed on paper, lead to the English address.
    moved = client.get(f"{english.url}tirage/{record.pk}/entrees.txt")
    assert (moved.status_code, moved["Location"]) == (301, file_url)


@pytest.mark.sqlite
def test_an_unknown_or_former_draw_has_no_list_file(client, consultation):
    former = RandomDraw.objects.create(
        consultation=consultation,
        title="Tirage d'avant",
        method="Tiré en réunion.",
        protocol=RandomDraw.FORMER,
        population=PROPOSALS,
        population_size=24,
        population_fingerprint=draws.former_fingerprint(PROPOSALS),
        seed="plan-marche-tirage-public-2026",
        count=8,
        result=draws.draw(PROPOSALS, 8, "plan-marche-tirage-public-2026"),
        performed_at=timezone.now(),
    )
    assert former.is_verified
    text = visible_text(client.get(consultation.url))
    assert "Tiré selon l'ancienne méthode, non rejouable." in text
    assert "Vérifier ce tirage vous-même" not in text and "Télécharger la liste" not in text
    assert client.get(entries_path(consultation, former)).status_code == 404
    assert client.get(f"{consultation.url}tirage/999999/entrees.txt").status_code == 404


def test_the_migration_marks_existing_draws_as_former(consultation):
    record = RandomDrawFactory(consultation=consultation)
    migration = importlib.import_module("consultations.migrations.0013_former_draws_not_replayable")
    migration.mark_former_draws(apps, None)
    record.refresh_from_db()
    assert (record.protocol, record.list_published_at, record.is_replayable) == (RandomDraw.FORMER, None, False)


@pytest.mark.sqlite
def test_the_draw_session_s_page_shows_the_draw_detail(client, index_page):
    # At noon two days ago: a session started near midnight would be drawn the next day, which is no longer its own.
    session_start = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0) - datetime.timedelta(
        days=2
    )
    consultation = ConsultationPageFactory(
        parent=index_page,
        slug="plan-marche",
        phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))],
        events=[
            {
                "title": "Tirage au sort public des propositions",
                "kind": ConsultationEvent.RANDOM_DRAW,
                "start": session_start,
                "end": session_start + datetime.timedelta(hours=1),
                "minutes_summary": "Le détail du tirage est publié plus bas.",
            },
            {
                "title": "Forum ouvert",
                "kind": ConsultationEvent.OPEN_FORUM,
                "start": session_start,
                "end": session_start + datetime.timedelta(hours=3),
            },
        ],
    )
    record = RandomDrawFactory(
        consultation=consultation,
        published_at=session_start - datetime.timedelta(days=7),
        performed_at=session_start + datetime.timedelta(minutes=15),
    )
    session, forum = consultation.ordered_events
    response = client.get(f"{consultation.url}evenements/{session.pk}/")
    text = visible_text(response)
    assert "Le détail du tirage est publié plus bas. Le tirage" in text
    assert record.title in text and f"Graine {SEED}" in text and record.population_fingerprint in text
    assert f'href="{entries_path(consultation, record)}"' in response.content.decode()
    assert record.population_fingerprint not in visible_text(client.get(f"{consultation.url}evenements/{forum.pk}/"))


def test_the_consultation_page_does_not_query_per_draw(client, consultation, django_assert_max_num_queries):
    RandomDrawFactory(consultation=consultation)
    client.get(consultation.url)
    with django_assert_max_num_queries(40) as one:
        client.get(consultation.url)
    with_one = len(one)
    for _ in range(3):
        RandomDrawFactory(consultation=consultation, title="Un autre tirage")
    client.get(consultation.url)  # the draws' saves moved the content generation on: warm it again
    with django_assert_max_num_queries(with_one):
        response = client.get(consultation.url)
    assert visible_text(response).count("Un autre tirage") == 3


# The command and the admin ---------------------------------------------------------------------------------------


def test_the_command_publishes_the_list_then_draws_with_the_public_seed(consultation, tmp_path):
    source = tmp_path / "liste.txt"
    source.write_text("\n".join(PROPOSALS), encoding="utf-8")
    output = io.StringIO()
    call_command(
        "random_draw",
        "publish",
        str(consultation.pk),
        "--title=Huit propositions",
        "--method=Tirage public",
        "--count=8",
        "--seed-source=Dix dés lancés en séance",
        f"--file={source}",
        stdout=output,
    )
    record = RandomDraw.objects.get()
    assert not record.is_drawn and draws.fingerprint(PROPOSALS) in output.getvalue()
    call_command("random_draw", "draw", str(record.pk), f"--seed={SEED}", "--by=Huissier", stdout=output)
    record.refresh_from_db()
    assert record.result == draws.draw(PROPOSALS, 8, SEED) and record.performed_by == "Huissier"
    assert f"1. {record.result[0]}" in output.getvalue()
    with pytest.raises(CommandError, match="déjà été fait|already been made"):
        call_command("random_draw", "draw", str(record.pk), "--seed=1-2-3", stdout=output)


def test_editors_publish_the_list_then_type_the_seed_in_the_admin(admin_client, consultation):
    response = admin_client.post(
        "/admin/random_draws/new/",
        {
            "consultation": consultation.pk,
            "title": "Huit propositions",
            "method": "Tirage en public.",
            "count": 8,
            "seed_source": "Dix dés lancés en séance",
            "items": "\n".join(PROPOSALS),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = RandomDraw.objects.get()
    assert record.list_published_at is not None and not record.is_drawn
    response = admin_client.post(
        f"/admin/random_draws/edit/{record.pk}/",
        {"title": "Huit propositions", "method": "Tirage en public.", "seed": SEED},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert record.result == draws.draw(PROPOSALS, 8, SEED)
    assert record.performed_by == "editrice"
    # Once drawn, the form offers the wording only.
    assert 'name="seed"' not in admin_client.get(f"/admin/random_draws/edit/{record.pk}/").content.decode()


def test_the_admin_refuses_a_seed_typed_before_the_list_is_published(admin_client, consultation):
    record = RandomDrawFactory(consultation=consultation, seed=None)
    RandomDraw.objects.filter(pk=record.pk).update(list_published_at=timezone.now() + datetime.timedelta(hours=1))
    response = admin_client.post(
        f"/admin/random_draws/edit/{record.pk}/", {"title": record.title, "method": record.method, "seed": SEED}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La graine doit être saisie après la publication de la liste" in html
    assert f'value="{SEED}"' in html, "what was typed is kept"
    record.refresh_from_db()
    assert not record.is_drawn


def test_the_admin_form_names_the_missing_seed_source(admin_client, consultation):
    response = admin_client.post(
        "/admin/random_draws/new/",
        {"consultation": consultation.pk, "title": "Huit", "method": "M.", "count": 8, "items": "\n".join(PROPOSALS)},
    )
    assert response.status_code == 200
    assert not RandomDraw.objects.exists()
    assert list(response.context["form"].errors) == ["seed_source"]
    html = response.content.decode()
    assert "Champ requis." in html
    assert "Proposition 24" in html, "what was typed is kept"


def test_the_admin_lists_and_shows_draws(admin_client, consultation):
    record = RandomDrawFactory(consultation=consultation)
    listing = admin_client.get("/admin/random_draws/")
    assert listing.status_code == 200 and record.title in listing.content.decode()
    inspect = admin_client.get(f"/admin/random_draws/inspect/{record.pk}/")
    assert inspect.status_code == 200
    html = inspect.content.decode()
    assert record.population_fingerprint in html and record.seed_source in html
    assert admin_client.get("/admin/snippets/consultations/territory/").status_code == 200

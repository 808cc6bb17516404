"""The home page for this week: open consultations with their closing date, the next meetings with their calendar
file, the latest reports and the late answers, chosen from what is published, in the order its editor chose."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations.models import ConsultationEvent
from tests.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    at,
    translate,
)
from tests.utils import visible_text

TODAY = "2026-12-09 10:00 +01:00"  # a Wednesday
D = datetime.date
CLOSING = D(2027, 1, 15)


def home_text(client, path="/fr/"):
    response = client.get(path)
    assert response.status_code == 200
    return visible_text(response)


def section_of(text, heading, following=None):
    """The visible text from `heading` to `following` (or the end)."""
    start = text.index(heading)
    end = text.index(following, start) if following else len(text)
    return text[start:end]


@pytest.fixture
def travel():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def index(home_page, travel):
    return ConsultationIndexPageFactory(parent=home_page)


def open_consultation(index, slug="plan-marche", title="Plan marche", end=CLOSING, **fields):
    return ConsultationPageFactory(
        parent=index, slug=slug, title=title, phases=[(D(2026, 11, 20), end)], answer_due_date=D(2027, 6, 30), **fields
    )


@pytest.mark.sqlite
def test_an_open_consultation_shows_with_its_closing_date_in_french_and_english(client, index, home_page_en, locales):
    consultation = open_consultation(index)
    index_en = translate(index, locales["en"], slug="consultations")
    translate(consultation, locales["en"], title="Walking plan")
    text = home_text(client)
    assert "Concertations ouvertes : donnez votre avis" in text
    assert "Plan marche Participation ouverte jusqu'au 15 janvier 2027" in text
    assert "Comment participer à « Plan marche »" in text
    assert 'href="/fr/concertations/plan-marche/#take-part-title"' in client.get("/fr/").content.decode()
    text_en = home_text(client, "/en/")
    assert "Walking plan Participation open until 15 January 2027" in text_en
    assert "Plan marche" not in text_en
    assert f'href="{index_en.url}?status=open"' in client.get("/en/").content.decode()


def test_a_consultation_not_yet_translated_shows_in_french_marked_so(client, index, home_page_en):
    open_consultation(index)
    html = client.get("/en/").content.decode()
    assert '<a href="/fr/concertations/plan-marche/"><span lang="fr">Plan marche</span></a>' in html
    assert "Not yet translated: shown in its original language, French." in visible_text(client.get("/en/"))


def test_open_consultations_come_soonest_closing_first_and_only_open_ones(client, index):
    open_consultation(index, slug="tard", title="Ferme tard", end=D(2027, 3, 1))
    open_consultation(index, slug="tot", title="Ferme tôt", end=D(2026, 12, 20))
    ConsultationPageFactory(parent=index, slug="a-venir", title="Pas encore", phases=[(D(2027, 2, 1), D(2027, 3, 1))])
    ConsultationPageFactory(parent=index, slug="finie", title="Déjà finie", phases=[(D(2026, 9, 1), D(2026, 10, 1))])
    opened = section_of(home_text(client), "Concertations ouvertes", "Prochaines rencontres")
    assert opened.index("Ferme tôt") < opened.index("Ferme tard")
    assert "Pas encore" not in opened and "Déjà finie" not in opened


def test_a_draft_or_private_consultation_is_not_shown(client, index):
    open_consultation(index, slug="brouillon", title="Concertation brouillon", draft=True)
    private = open_consultation(index, slug="privee", title="Concertation privée")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    text = home_text(client)
    assert "Concertation brouillon" not in text and "Concertation privée" not in text
    assert "Aucune concertation n'est ouverte en ce moment." in text


def test_the_next_meetings_leave_out_past_ones_and_offer_their_calendar_file(client, index):
    consultation = open_consultation(
        index,
        events=[
            {"title": "Réunion passée", "start": at(2026, 12, 1), "end": at(2026, 12, 1, 20)},
            {
                "title": "Atelier des rues",
                "start": at(2026, 12, 12, 10),
                "end": at(2026, 12, 12, 12),
                "place_name": "Salle des fêtes",
                "address": "2 rue Haute, 59000 Exemple",
                "step_free_access": True,
            },
        ],
    )
    html = client.get("/fr/").content.decode()
    text = visible_text(client.get("/fr/"))
    meetings = section_of(text, "Prochaines rencontres", "Derniers bilans publiés")
    assert "Réunion passée" not in meetings
    assert "Atelier des rues samedi 12 décembre 2026, de 10:00 à 12:00" in meetings
    assert "Salle des fêtes, 2 rue Haute, 59000 Exemple" in meetings
    assert "Accès : Accès de plain-pied" in meetings
    event = ConsultationEvent.objects.get(page=consultation, title="Atelier des rues")
    calendar = f"/fr/concertations/plan-marche/evenements/{event.pk}.ics"
    assert f'href="{calendar}" download' in html
    response = client.get(calendar)
    assert response.status_code == 200 and b"SUMMARY:Atelier des rues" in response.content
    assert 'href="/fr/concertations/events.ics" download' in html


def test_a_meeting_that_has_ended_leaves_the_home_page_the_next_day_even_when_cached(client, index, travel, settings):
    settings.PACTE_PAGE_CACHE_SECONDS = 600
    open_consultation(
        index, events=[{"title": "Atelier du soir", "start": at(2026, 12, 9), "end": at(2026, 12, 9, 20)}]
    )
    assert "Atelier du soir" in home_text(client)
    assert client.get("/fr/")["X-Cache"] == "hit"
    travel.move_to("2026-12-10 08:00 +01:00")
    response = client.get("/fr/")
    assert response["X-Cache"] == "miss"
    assert "Atelier du soir" not in visible_text(response)


def test_the_latest_reports_come_newest_first(client, index, travel):
    older = ConsultationPageFactory(
        parent=index, slug="velo", title="Plan vélo", phases=[(D(2026, 1, 5), D(2026, 3, 1))]
    )
    newer = ConsultationPageFactory(parent=index, slug="parcs", title="Parcs", phases=[(D(2026, 2, 1), D(2026, 4, 1))])
    travel.move_to("2026-10-01 10:00 +02:00")
    ConsultationReportPageFactory(parent=older)
    travel.move_to("2026-11-15 10:00 +01:00")
    ConsultationReportPageFactory(parent=newer)
    travel.move_to(TODAY)
    html = client.get("/fr/").content.decode()
    reports = section_of(visible_text(client.get("/fr/")), "Derniers bilans publiés", "Réponses promises")
    assert reports.index("Bilan de « Parcs »") < reports.index("Bilan de « Plan vélo »")
    assert "Publié le 15 novembre 2026, à la date promise" in reports
    assert 'href="/fr/concertations/parcs/bilan/"' in html


@pytest.mark.sqlite
def test_the_late_answers_say_how_many_reports_are_late_or_that_none_is(client, index):
    ConsultationPageFactory(
        parent=index,
        slug="a-temps",
        title="À temps",
        phases=[(D(2026, 9, 1), D(2026, 10, 1))],
        answer_due_date=D(2027, 1, 1),
    )
    late = section_of(home_text(client), "Réponses promises et encore attendues")
    assert "Aucun bilan n'est en retard : chaque réponse promise à ce jour a été publiée." in late
    for slug, title, due in (("ecoles", "Écoles", D(2026, 11, 1)), ("marches", "Marchés", D(2026, 12, 1))):
        ConsultationPageFactory(
            parent=index, slug=slug, title=title, phases=[(D(2026, 6, 1), D(2026, 7, 1))], answer_due_date=due
        )
    late = section_of(home_text(client), "Réponses promises et encore attendues")
    assert "2 bilans sont en retard." in late
    assert "Écoles – réponse promise pour le 1er novembre 2026, pas encore publié, en retard de 38 jours" in late
    assert late.index("Écoles") < late.index("Marchés")
    assert "À temps" not in late
    assert 'href="/fr/concertations/?status=overdue"' in client.get("/fr/").content.decode()


def test_the_editor_chooses_the_order_and_hides_a_section(client, index, home_page):
    open_consultation(index)
    text = home_text(client)
    assert text.index("Concertations ouvertes") < text.index("Prochaines rencontres") < text.index("Derniers bilans")
    home_page.sections = [("section", "late_answers"), ("section", "open_consultations")]
    home_page.save_revision().publish()
    text = home_text(client)
    assert text.index("Réponses promises et encore attendues") < text.index("Concertations ouvertes")
    assert "Prochaines rencontres" not in text and "Derniers bilans publiés" not in text


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editrice", "editrice@example.org", "motdepasse"))
    return client


def edit_form(home_page, sections):
    return nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "hero_title": home_page.hero_title,
            "hero_text": "",
            "introduction": rich_text(""),
            "sections": streamfield([("section", kind) for kind in sections]),
            "highlights": streamfield([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )


def admin_text(response):
    """The admin page's text, with the StreamField's options and errors that its script draws (escaped JSON)."""
    text = unescape(unescape(response.content.decode()))
    return re.sub(r"\\u([0-9a-f]{4})", lambda match: chr(int(match[1], 16)), text)


def test_the_editor_orders_the_sections_in_the_admin_and_is_told_how_to_fix_a_repeat(editor_client, home_page):
    url = f"/admin/pages/{home_page.pk}/edit/"
    form = admin_text(editor_client.get(url))
    assert "Concertations ouvertes, celles qui ferment le plus tôt d'abord" in form
    assert "Réponses en retard : combien de bilans se font attendre" in form
    response = editor_client.post(url, edit_form(home_page, ["open_consultations", "open_consultations"]))
    assert response.status_code == 200
    message = "Cette section figure déjà plus haut : supprimez celle-ci, ou choisissez une autre section."
    assert message in admin_text(response)
    response = editor_client.post(url, edit_form(home_page, ["next_meetings", "open_consultations"]))
    assert response.status_code == 302
    home_page.refresh_from_db()
    assert [block.value for block in home_page.sections] == ["next_meetings", "open_consultations"]


def test_a_new_home_page_lists_every_section_in_the_default_order(home_page):
    assert [block.value for block in home_page.sections] == [
        "open_consultations",
        "next_meetings",
        "latest_reports",
        "late_answers",
        "highlights",
    ]


def test_the_home_page_takes_as_many_queries_with_many_consultations_as_with_few(client, index):
    def add(first, count):
        for number in range(first, first + count):
            open_consultation(
                index,
                slug=f"ouverte-{number}",
                title=f"Ouverte {number}",
                events=[{"title": f"Réunion {number}", "start": at(2026, 12, 20), "end": at(2026, 12, 20, 20)}],
            )
            late = ConsultationPageFactory(
                parent=index,
                slug=f"retard-{number}",
                phases=[(D(2026, 1, 5), D(2026, 2, 1))],
                answer_due_date=D(2026, 6, 1),
            )
            reported = ConsultationPageFactory(
                parent=index, slug=f"bilan-{number}", phases=[(D(2026, 1, 5), D(2026, 2, 1))]
            )
            ConsultationReportPageFactory(parent=reported)
            assert late.live

    def cold_count():
        client.get("/fr/")
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/").status_code == 200
        return len(queries)

    add(0, 2)
    few = cold_count()
    add(2, 8)
    assert cold_count() == few
    assert few <= 20
    text = home_text(client)
    assert "10 bilans sont en retard." in text  # counted whole, while the list shows the first four
    opened = section_of(text, "Concertations ouvertes", "Prochaines rencontres")
    assert opened.count("Participation ouverte jusqu'au") == 4

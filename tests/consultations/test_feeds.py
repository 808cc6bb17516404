"""The index's RSS feed and iCalendar files: they parse, and hold the right consultations and events."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
import time_machine
from django.test import Client

from consultations.models import ConsultationEvent
from tests.factories import ConsultationPageFactory, at

TODAY = "2026-06-15 12:00 +02:00"


@pytest.fixture
def consultations(index_page):
    with time_machine.travel(TODAY, tick=False):
        walk = ConsultationPageFactory(
            parent=index_page,
            slug="plan-marche",
            phases=[(datetime.date(2026, 5, 1), datetime.date(2026, 7, 1))],
            title="Plan marche",
            events=[
                {
                    "title": "Randonnée exploratoire",
                    "kind": ConsultationEvent.EXPLORATORY_WALK,
                    "start": at(2026, 5, 20, 10),
                    "end": at(2026, 5, 20, 16),
                    "address": "Place de la Gare, Exemple",
                    "attendees": 42,
                    "contributions_count": 67,
                    "minutes_summary": "Quarante-deux marcheurs ont relevé les obstacles.",
                },
                {
                    "title": "Forum ouvert",
                    "kind": ConsultationEvent.OPEN_FORUM,
                    "format": ConsultationEvent.HYBRID,
                    "start": at(2026, 6, 20, 9, 30),
                    "end": at(2026, 6, 20, 17),
                    "place_name": "Hôtel de la Métropole",
                    "address": "1 place de la Concertation, Exemple",
                    "online_url": "https://visio.example.org/forum",
                    "hearing_loop": True,
                },
            ],
        )
        other = ConsultationPageFactory(
            parent=index_page,
            slug="berges",
            phases=[(datetime.date(2026, 9, 1), datetime.date(2026, 10, 1))],
            title="Berges du canal",
            events=[
                {
                    "title": "Réunion de lancement",
                    "start": at(2026, 9, 3),
                    "end": at(2026, 9, 3, 20),
                    "address": "20 rue Jean-Macé, Val-de-Marque",
                }
            ],
        )
    return walk, other


def test_feed_is_rss_2_with_every_consultation(client, index_page, consultations):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(index_page.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Berges du canal", "Plan marche"]
    assert items[1].findtext("link").endswith("/fr/concertations/plan-marche/")
    assert items[1].findtext("description").startswith("Ouverte.")


def test_index_calendar_lists_upcoming_events_only(client, index_page, consultations):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(index_page.url + "events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries == ["Forum ouvert – Plan marche", "Réunion de lancement – Berges du canal"]
    forum = events[0]
    assert forum.decoded("DTSTART") == at(2026, 6, 20, 9, 30)
    assert forum.decoded("DTEND") == at(2026, 6, 20, 17)
    assert "Hôtel de la Métropole" in str(forum["LOCATION"])
    assert all(event.get("UID") and event.get("DTSTAMP") for event in events)


def test_each_event_has_its_own_calendar_file(client, consultations):
    walk, _other = consultations
    forum = walk.events.get(title="Forum ouvert")
    with time_machine.travel(TODAY, tick=False):
        page_html = client.get(walk.url).content.decode()
        response = client.get(f"{walk.url}evenements/{forum.pk}.ics")
    assert f'href="{walk.url}evenements/{forum.pk}.ics"' in page_html
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Forum ouvert – Plan marche"
    assert str(events[0]["URL"]).endswith(f"{walk.url}evenements/{forum.pk}/")


def test_unknown_event_gives_the_site_404(client, consultations):
    walk, other = consultations
    foreign = other.events.get()
    for path in [f"{walk.url}evenements/999999/", f"{walk.url}evenements/{foreign.pk}.ics", f"{walk.url}evenements/x/"]:
        response = client.get(path)
        assert response.status_code == 404


def test_event_page_shows_access_before_and_minutes_after(client, consultations):
    walk, _other = consultations
    forum = walk.events.get(title="Forum ouvert")
    past = walk.events.get(title="Randonnée exploratoire")
    with time_machine.travel(TODAY, tick=False):
        before = client.get(f"{walk.url}evenements/{forum.pk}/")
        after = client.get(f"{walk.url}evenements/{past.pk}/")
        listing = client.get(walk.url).content.decode()
    text = before.content.decode()
    assert "<dt>Boucle magnétique</dt><dd>oui</dd>" in text
    assert "<dt>Accès de plain-pied</dt><dd>non</dd>" in text
    assert "Ajouter cet événement à mon agenda" in text
    text = after.content.decode()
    assert "Compte rendu" in text
    assert "Quarante-deux marcheurs" in text
    assert "<dd>42</dd>" in text and "<dd>67</dd>" in text
    assert "Rencontres passées et leurs comptes rendus" in listing


def test_the_index_shows_each_consultation_next_event(client, index_page, consultations):
    walk, _other = consultations
    forum = walk.events.get(title="Forum ouvert")
    with time_machine.travel(TODAY, tick=False):
        html = client.get(index_page.url).content.decode()
    card = html.split("Plan marche</a>")[1].split("</li>")[0]
    assert "Prochaine rencontre" in card
    assert f'<a href="{walk.url}evenements/{forum.pk}/">Forum ouvert</a>, 20 juin 2026' in card


def test_consultation_page_queries_do_not_grow_with_events(client, index_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_with(count, slug):
        events = [
            {
                "title": f"Atelier {number}",
                "start": at(2026, 6, 1 + number % 28),
                "end": at(2026, 6, 1 + number % 28, 20),
                "address": "Exemple",
                "attendees": number,
            }
            for number in range(count)
        ]
        return ConsultationPageFactory(
            parent=index_page, slug=slug, phases=[(datetime.date(2026, 5, 1), datetime.date(2026, 7, 1))], events=events
        )

    counts = []
    with time_machine.travel(TODAY, tick=False):
        for count, slug in ((2, "petite"), (30, "grande")):
            page = page_with(count, slug)
            client.get(page.url)
            with CaptureQueriesContext(connection) as context:
                assert client.get(page.url).status_code == 200
            counts.append(len(context.captured_queries))
    print(f"Consultation page queries: {counts[0]} with 2 events, {counts[1]} with 30")
    assert counts[0] == counts[1]


PUBLIC = "https://participation.example.org"


def test_feed_and_calendar_name_the_public_address_whatever_the_host(settings, index_page, consultations):
    settings.PACTE_BASE_URL = PUBLIC
    walk, _other = consultations
    visitors = [Client(HTTP_HOST="10.0.0.7:8000"), Client(HTTP_HOST="participation.example.org")]
    feeds, uids = [], []
    with time_machine.travel(TODAY, tick=False):
        for visitor in visitors:
            feeds.append(ET.fromstring(visitor.get(index_page.url + "feed/").content))  # noqa: S314 - our own
            calendar = icalendar.Calendar.from_ical(visitor.get(index_page.url + "events.ics").content)
            uids.append(sorted(str(event["UID"]) for event in calendar.walk("VEVENT")))
    for feed in feeds:
        assert feed.findtext("./channel/link") == f"{PUBLIC}/fr/concertations/"
        assert f"{PUBLIC}/fr/concertations/plan-marche/" in [item.findtext("link") for item in feed.iter("item")]
        assert f"{PUBLIC}/fr/concertations/plan-marche/" in [item.findtext("guid") for item in feed.iter("item")]
        atom_self = feed.find("./channel/{http://www.w3.org/2005/Atom}link")
        assert atom_self.get("href") == f"{PUBLIC}/fr/concertations/feed/"
    # A calendar that subscribed through one address must not see its events duplicated through another.
    assert uids[0] == uids[1]
    assert uids[0] and all(uid.endswith("@participation.example.org") for uid in uids[0])
    forum = walk.events.get(title="Forum ouvert")
    with time_machine.travel(TODAY, tick=False):
        single = visitors[0].get(f"{walk.url}evenements/{forum.pk}.ics")
    event = icalendar.Calendar.from_ical(single.content).walk("VEVENT")[0]
    assert str(event["URL"]) == f"{PUBLIC}/fr/concertations/plan-marche/evenements/{forum.pk}/"

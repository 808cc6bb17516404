"""The demo content: every status (one overdue), events with minutes, a draw, a full report, an English version
(that seeding twice changes nothing is tested once, in tests/site_core/test_settings_and_commands.py)."""

from django.utils import timezone
from django.utils.formats import date_format

from charter_pages.models import Commitment
from consultations import status as statuses
from consultations.decidim.models import ImplementationResult
from consultations.models import ConsultationPage, ConsultationReportPage, RandomDraw
from tests.utils import visible_text


def test_demo_covers_every_status(demo_site, client):
    french = list(ConsultationPage.objects.live().filter(locale__language_code="fr"))
    assert len(french) >= 6
    codes = [page.status.code for page in french]
    for code in (statuses.UPCOMING, statuses.OPEN, statuses.ANALYSIS, statuses.REPORT, statuses.OVERDUE):
        assert code in codes
    assert codes.count(statuses.OVERDUE) == 1

    walk = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    kinds = {event.kind for event in walk.events.all()}
    assert {"exploratory_walk", "pitch_event", "open_forum"} <= kinds
    assert any(event.has_minutes for event in walk.events.all())
    draw = RandomDraw.objects.get(consultation=walk)
    assert draw.is_verified

    english = ConsultationPage.objects.get(locale__language_code="en")
    assert english.status.code == statuses.REPORT
    report = ConsultationReportPage.objects.get(locale__language_code="en")
    assert report.responses.count() == 4
    assert "Report of the consultation" in report.title
    response = client.get(english.url)
    assert response.status_code == 200
    assert "Report published" in response.content.decode()

    # The cycling network's Decidim export: its report shows what is being implemented, in both languages, and the
    # consultation page names the process.
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    assert ImplementationResult.objects.filter(consultation=cycling).count() == 3
    french_report = ConsultationReportPage.objects.child_of(cycling).get()
    html = client.get(french_report.url).content.decode()
    assert '<h2 id="implementation-title">Mise en œuvre</h2>' in html
    assert "La ligne 2 par les quais du canal" in html
    assert "35\xa0% <progress" in html
    html = client.get(report.url).content.decode()
    assert '<h2 id="implementation-title">Implementation</h2>' in html
    assert '<span lang="fr">La ligne 2 par les quais du canal</span>' in html
    assert "« Réseau express vélo : le tracé des cinq lignes »" in client.get(cycling.url).content.decode()


def test_demo_pages_show_the_storys_dates_and_each_commitment_its_own_rule(demo_site, client):
    """The demo's consultations were put online on the day they were announced and their reports on their own
    days, in every language: the pages show those dates, never the seeding day."""
    today = timezone.localdate()
    for page in ConsultationPage.objects.live():
        assert page.announced_on is not None and page.announced_on < page.launch_date, page.slug
        assert timezone.localdate(page.first_published_at) == page.announced_on, page.slug
        assert timezone.localdate(page.last_published_at) <= today
    gardens = ConsultationPage.objects.get(slug="jardins-partages")
    report = ConsultationReportPage.objects.child_of(gardens).get()
    published = timezone.localdate(report.first_published_at)
    assert (published - gardens.answer_due_date).days == 15
    for english in ConsultationReportPage.objects.filter(locale__language_code="en"):
        source = ConsultationReportPage.objects.get(translation_key=english.translation_key, locale__language_code="fr")
        assert english.first_published_at == source.first_published_at
    text = visible_text(client.get("/fr/charte/engagements/1/"))
    assert f"Jardins partagés en ville (ouverte le {date_format(gardens.launch_date)}, publiée le " in text
    assert f"publiée le {date_format(gardens.announced_on)}) : annoncée 22 jours avant l'ouverture" in text
    assert f"publiée le {date_format(today)}" not in text
    assert "La règle : Tenu si chaque concertation qui l'applique a été annoncée au moins 21 jours" in text
    # Commitment 2 is about the announced impact: every demo consultation applies it and fills it in.
    assert "Cet engagement est-il tenu ? Tenu – 9 sur 9 concertations" in visible_text(
        client.get("/fr/charte/engagements/2/")
    )
    ruled = set(Commitment.objects.exclude(measure_rule="").values_list("number", flat=True))
    assert ruled == {1, 2, 3, 4, 6, 7, 8, 10, 13}

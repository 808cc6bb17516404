"""The demo content: every status (one overdue), events with minutes, a draw, a full report, an English version
(that seeding twice changes nothing is tested once, in tests/site_core/test_settings_and_commands.py)."""

from consultations import status as statuses
from consultations.decidim.models import ImplementationResult
from consultations.models import ConsultationPage, ConsultationReportPage, RandomDraw


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

"""The demo content: every status (one overdue), events with minutes, a draw, a full report, an English version;
running the command twice leaves the same tree."""

import io

from django.core.management import call_command
from wagtail.models import Page, Revision

from consultations import status as statuses
from consultations.decidim.models import ImplementationResult
from consultations.models import ConsultationPage, ConsultationReportPage, RandomDraw


def tree():
    return sorted(Page.objects.values_list("url_path", "live", "locale__language_code"))


def test_demo_covers_every_status_and_is_idempotent(db, client):
    call_command("seed_demo", stdout=io.StringIO())
    first_tree, first_revisions = tree(), Revision.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert tree() == first_tree
    assert Revision.objects.count() == first_revisions

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
    # consultation page names the process; seeding twice kept three results (the tree and revisions are unchanged).
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

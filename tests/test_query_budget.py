"""Every public page type renders within its query budget (or, while still over it, within its listed figure):
at most 20 SQL queries on the first request after a publication (every cache cold: caches emptied and the content
generation moved on), at most 12 on the next one (rendered again, the whole-page cache being off in tests, with what
is kept per content generation warm)."""

import re
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter_pages.models import CharterPage, Commitment
from consultations.label.models import LabelAward, LabelPage
from consultations.models import ConsultationEvent, ConsultationReportPage, RandomDraw
from consultations.models.contribution import contributions_of
from site_core.models import HomePage

COLD_BUDGET = 20
WARM_BUDGET = 12


def go_cold():
    """What the first visitor after a publication meets: nothing kept from before."""
    for cache in caches.all():
        cache.clear()


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return {urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)}


def sub_route_paths():
    """The addresses the site map does not list: the charter's sub-routes, the label's code check, a label
    verification and its document check, a search, a draw's published list and the page of its session, each
    report's list of contributions (and a search in it) and one contribution's page."""
    paths = {"/fr/recherche/?q=concertation", "/en/search/?q=consultation"}
    for charter in CharterPage.objects.live():
        url = charter.url
        paths |= {url + charter.reverse_subpage(name).lstrip("/") for name in ("easy_read", "print_version")}
        commitment = Commitment.objects.filter(chapter__page=charter).order_by("number").first()
        if commitment is not None:
            paths.add(url + charter.reverse_subpage("commitment", args=[commitment.number]).lstrip("/"))
    for label_page in LabelPage.objects.live():
        paths.add(label_page.url + label_page.reverse_subpage("check_code").lstrip("/"))
        award = LabelAward.objects.filter(locale=label_page.locale).first()
        if award is not None:
            for route in ("verify", "check_document"):
                paths.add(label_page.url + label_page.reverse_subpage(route, args=[award.code]).lstrip("/"))
    for draw in RandomDraw.objects.filter(protocol=RandomDraw.COMMIT_REVEAL).select_related("consultation"):
        consultation = draw.consultation
        paths.add(consultation.url_for_route(None, "draw_entries", draw.pk))
        session = consultation.events.filter(kind=ConsultationEvent.RANDOM_DRAW).first()
        if session is not None:
            paths.add(consultation.url + consultation.reverse_subpage("event", args=[session.pk]).lstrip("/"))
    for report in ConsultationReportPage.objects.live().filter(locale__language_code__in=["fr", "en"]):
        paths |= {report.contributions_url(), report.contributions_url() + "?q=piste&page=2"}
        contribution = contributions_of(report.consultation).order_by("reference").first()
        if contribution is not None:
            paths.add(report.contribution_url(None, contribution.reference))
    return paths


@pytest.fixture
def demo_paths(client, demo_site):
    return sorted(sitemap_paths(client) | sub_route_paths())


def test_the_budget_covers_every_public_page_type(demo_paths):
    """The pages counted below include one of each type a visitor can reach."""
    joined = " ".join(demo_paths)
    for expected in (
        "/fr/charte/facile/",
        "/fr/charte/imprimer/",
        "/fr/charte/engagements/",
        "/verifier/",
        "/document/",
        "/recherche/",
        "/evenements/",
        "/entrees.txt",
    ):
        assert expected in joined, expected


# Pages still over a budget (issue 13, item 4), each with its (cold, warm) count on the seeded demo: they may not
# grow, and each must leave this list once within budget. What is left over is Wagtail's own serving (the site, the
# active Locale and the root page's specific row on every request, two queries to resolve the page) plus one or
# two queries per remember()ed value on a cold request.
OVER_BUDGET = {
    "/en/": (22, 13),
    "/en/charter/": (23, 14),
    "/en/charter/commitments/1/": (25, 10),
    "/en/charter/easy-read/": (22, 13),
    "/en/charter/print/": (23, 14),
    "/en/citizen-label/verifier/<code>/": (21, 12),
    "/en/consultations/": (28, 12),
    "/en/consultations/express-cycle-network/": (24, 15),
    "/en/consultations/express-cycle-network/report/": (24, 15),
    # The dashboards' cold count holds one query more since issue 15: the "share of staff trained" figure that
    # commitment 13's rule reads from training (kept ten minutes after that).
    "/en/dashboard/": (26, 8),
    "/en/search/?q=consultation": (21, 12),
    "/fr/": (21, 12),
    "/fr/charte/": (22, 13),
    "/fr/charte/engagements/1/": (24, 9),
    "/fr/charte/facile/": (21, 12),
    "/fr/charte/imprimer/": (22, 13),
    "/fr/concertations/": (27, 11),
    "/fr/concertations/aires-de-jeux/": (23, 14),
    "/fr/concertations/alimentation-locale/": (23, 14),
    "/fr/concertations/berges-du-canal/": (23, 14),
    "/fr/concertations/eclairage-public/": (23, 14),
    "/fr/concertations/eclairage-public/bilan/": (21, 12),
    "/fr/concertations/jardins-partages/": (23, 14),
    "/fr/concertations/jardins-partages/bilan/": (21, 12),
    "/fr/concertations/plan-marche/": (23, 14),
    "/fr/concertations/renovation-des-ecoles/": (23, 14),
    "/fr/concertations/reseau-express-velo/": (23, 14),
    "/fr/concertations/reseau-express-velo/bilan/": (23, 14),
    "/fr/concertations/stationnement-velo-gares/": (23, 14),
    "/fr/concertations/stationnement-velo-gares/bilan/": (21, 12),
    "/fr/recherche/?q=concertation": (21, 12),
    "/fr/tableau-de-bord/": (23, 7),
}


def listed(path):
    """The address as OVER_BUDGET names it: a label verification's code is drawn anew when the demo is seeded, and
    record ids depend on what the database held before."""
    path = re.sub(r"/verifier/[^/]+/(document/)?$", r"/verifier/<code>/\1", path)
    return re.sub(r"/(evenements|tirage)/\d+/", r"/\1/<id>/", path)


def test_every_public_page_stays_within_its_cold_and_warm_budgets(client, demo_paths):
    for path in demo_paths:
        client.get(path)  # the site was served before: images' renditions exist, as they do in production
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    home.save_revision().publish()  # a publication: the content generation moves on
    measured = {}
    for path in demo_paths:
        go_cold()
        measured[listed(path)] = (measure(client, path), measure(client, path))
    over = {path: counts for path, counts in measured.items() if counts[0] > COLD_BUDGET or counts[1] > WARM_BUDGET}
    worse = {
        path: counts
        for path, counts in over.items()
        if path not in OVER_BUDGET or any(now > then for now, then in zip(counts, OVER_BUDGET[path], strict=True))
    }
    assert not worse, f"(cold, warm) queries over ({COLD_BUDGET}, {WARM_BUDGET}) or over their listed figure: {worse}"
    now_within = sorted(set(OVER_BUDGET) - set(over))
    assert not now_within, f"within budget now, remove from OVER_BUDGET: {now_within}"


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)

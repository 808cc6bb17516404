"""Every public page type renders within its query budget: at most 21 SQL queries on the first request after a
publication (every cache cold: caches emptied and the content generation moved on), at most 12 on the next one
(rendered again, the whole-page cache being off in tests, with what is kept per content generation warm); and the
pages that list consultations take as many queries with 500 as with 5."""

import datetime
import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter_pages.models import CharterPage, Commitment
from consultations.label.models import LabelAward, LabelPage
from consultations.models import ConsultationEvent, ConsultationReportPage, RandomDraw, Territory
from consultations.models.contribution import contributions_of
from site_core.models import HomePage
from tests.factories import (
    CharterPageFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    DashboardPageFactory,
    at,
)

# The cold budget counts, on every page of a site with a logo (the demo's), one query for the header's logo
# rendition, kept per content generation after that (warm: none).
COLD_BUDGET = 21
WARM_BUDGET = 12
# The pages over the cold budget, and why. The English dashboard, by one query: it also translates every
# consultation title (its readers' language is not the source's), and since issue 15 it reads the share of staff
# trained for commitment 13's rule from the training app. Kept per content generation after that (warm: 3 queries).
# The reports, by one query since issue 21: they read the size of their stored PDF for the download link (a PDF is
# built after the publication, by the worker or a visitor, without moving the content generation on, so that size
# cannot be kept per generation). The open-data page builds its whole package on the first request after a
# publication (eight files in three formats, then kept per generation): 29 queries, the same whatever the number of
# records (tests/consultations/opendata/test_page.py counts them at two sizes). The home pages, by three queries since
# issue 18: their sections of the week read the open, reported and late consultations (one query, a window function
# ranking them per status), the meetings not yet over (one query: they follow the hour, so they are never kept) and
# the consultation index's address (kept per content generation after that); the same whatever the number of
# consultations (tests/site_core/test_home_page.py and the listing test below count them at two sizes).
COLD_ALLOWANCES = {
    "/fr/": 24,
    "/en/": 24,
    "/en/dashboard/": 22,
    "/fr/concertations/reseau-express-velo/bilan/": 22,
    "/en/consultations/express-cycle-network/report/": 22,
    "/fr/donnees-ouvertes/": 30,
    "/en/open-data/": 30,
    # The lists of a language into which most consultations are not translated, by one query since issue 18: they
    # show those consultations in their original language, and find their territories' names in the list's.
    "/en/consultations/": 22,
    "/nl/inspraak/": 23,
}
# Every Dutch page, by one query since issue 18: the Dutch menu links to French pages, so the header looks for
# their Dutch versions (site_data.menu_links), once per content generation.
MENU_TO_OTHER_LANGUAGES = ("/nl/",)


def cold_allowance(path):
    extra = 1 if path.startswith(MENU_TO_OTHER_LANGUAGES) else 0
    return COLD_ALLOWANCES.get(path, COLD_BUDGET + extra)


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


def test_every_public_page_stays_within_its_cold_and_warm_budgets(client, demo_paths):
    for path in demo_paths:
        client.get(path)  # the site was served before: images' renditions exist, as they do in production
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    home.save_revision().publish()  # a publication: the content generation moves on
    measured = {}
    for path in demo_paths:
        go_cold()
        measured[path] = (measure(client, path), measure(client, path))
    over = {
        path: counts for path, counts in measured.items() if counts[0] > cold_allowance(path) or counts[1] > WARM_BUDGET
    }
    assert not over, f"(cold, warm) queries over ({COLD_BUDGET}, {WARM_BUDGET}): {over}"


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture
def listing_site(home_page):
    """A home page, a charter, a dashboard and a consultation index; `add(count)` adds that many more live
    consultations, each with its phases, two events, a theme, a territory and an applied commitment."""
    charter = CharterPageFactory(parent=home_page)
    index = ConsultationIndexPageFactory(parent=home_page)
    dashboard = DashboardPageFactory(parent=home_page)
    territory = Territory.objects.create(name="Val-de-Marque", slug="val-de-marque", locale=home_page.locale)
    commitment = Commitment.objects.get(chapter__page=charter, number=1)
    added = []

    def add(count):
        for number in range(len(added), len(added) + count):
            page = ConsultationPageFactory.build(
                slug=f"concertation-{number}",
                phases=[(datetime.date(2026, 1, 5), datetime.date(2026, 3, 31))],
                events=[
                    {"title": "Réunion publique", "start": at(2026, 2, 3), "end": at(2026, 2, 3, 20)},
                    {"title": "Atelier", "start": at(2026, 3, 10), "end": at(2026, 3, 10, 20)},
                ],
            )
            page.territories = [territory]
            page.commitments = [commitment]
            page.themes.add("marche" if number % 2 else "mobilité")
            index.add_child(instance=page)  # live, as an import writes them: publishing 500 revisions takes minutes
            added.append(page)

    return SimpleNamespace(
        add=add,
        addresses=(
            home_page.url,
            index.url,
            index.url + "?theme=marche",
            dashboard.url,
            charter.url + charter.reverse_subpage("commitment", args=[commitment.number]).lstrip("/"),
        ),
    )


def test_listing_pages_take_as_many_queries_with_500_consultations_as_with_5(
    client, listing_site, django_assert_max_num_queries
):
    def counts():
        measured = {}
        for address in listing_site.addresses:
            go_cold()
            with django_assert_max_num_queries(COLD_BUDGET, info=f"{address}, cold") as cold:
                assert client.get(address).status_code == 200
            cold = len(cold)  # now: the next request empties the connection's query log
            with django_assert_max_num_queries(WARM_BUDGET, info=f"{address}, warm") as warm:
                assert client.get(address).status_code == 200
            measured[address] = (cold, len(warm))
        return measured

    listing_site.add(5)
    for address in listing_site.addresses:
        client.get(address)  # the site was served before (Django's content types are known to each process)
    with_5 = counts()
    listing_site.add(495)
    assert counts() == with_5

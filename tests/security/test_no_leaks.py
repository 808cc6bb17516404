"""Drafts, private pages and staff-only training never reach an anonymous visitor: not by search, sitemap, feed,
calendar, menus, an API, a direct URL, nor a response kept in the whole-page cache."""

import pytest
from django.urls import reverse
from django.utils import translation

from site_core.models import StandardPage
from tests.factories import PASSWORD
from tests.security.conftest import SECRETS
from tests.utils import visible_text

pytestmark = pytest.mark.django_db


def sign_in_url():
    with translation.override("fr"):
        return reverse("site_core:login")


def assert_no_secret(text):
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"non-public content shown: {leaked}"


def test_search_finds_only_public_pages(client, leaky_site):
    response = client.get("/fr/recherche/", {"q": "Zéphyr"})
    text = visible_text(response)
    assert "Zéphyr public" in text and "Zéphyr page publique" in text
    assert_no_secret(text)


def test_search_by_a_draft_revision_word_finds_nothing(client, leaky_site):
    response = client.get("/fr/recherche/", {"q": "révision non publiée"})
    assert "0 résultat" in visible_text(response)


def test_sitemap_lists_only_public_live_pages(client, leaky_site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/fr/concertations/zephyr-public/" in xml
    for slug in ("zephyr-brouillon", "zephyr-reserve", "zephyr-interne", "formations", "zephyr-module"):
        assert slug not in xml


def test_rss_feed_holds_only_public_consultations(client, leaky_site):
    response = client.get("/fr/concertations/feed/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Zéphyr public" in body
    assert_no_secret(body)


def test_events_calendar_holds_only_public_events(client, leaky_site):
    response = client.get("/fr/concertations/events.ics")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Atelier public" in body
    assert_no_secret(body)


def test_the_indicators_count_and_list_only_public_consultations(client, leaky_site):
    csv = client.get(leaky_site.dashboard.url + "figures.csv").content.decode()
    assert "consultation,Zéphyr public," in csv
    assert "\nall,Toutes,1," in csv  # one consultation counted: the public one
    assert_no_secret(csv)
    assert_no_secret(visible_text(client.get(leaky_site.dashboard.url)))


@pytest.mark.parametrize("path", ["/fr/", "/fr/concertations/", "/fr/zephyr-page/"])
def test_menus_and_listings_show_only_public_pages(client, leaky_site, path):
    text = visible_text(client.get(path))
    assert "Lien public" in text
    assert_no_secret(text)


def test_the_live_page_never_shows_its_newer_draft(client, leaky_site):
    text = visible_text(client.get("/fr/zephyr-page/"))
    assert "Texte en ligne." in text
    assert "révision non publiée" not in text


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v2/pages/", "/api/v2/pages/?type=training.TrainingLessonPage", "/fr/api/v2/pages/"]
)
def test_there_is_no_content_api(client, leaky_site, path):
    # "/api/" is first sent to "/fr/api/" by the language prefix, which is not found either.
    assert client.get(path, follow=True).status_code == 404


def test_a_draft_is_not_found_by_its_address(client, leaky_site):
    assert client.get("/fr/concertations/zephyr-brouillon/").status_code == 404


def private_paths(site):
    event = site.private.events.first()
    return [
        site.private.url,
        site.private.url + f"evenements/{event.pk}/",
        site.private.url + f"evenements/{event.pk}.ics",
        site.internal.url,
        site.training_index.url,
        site.training_index.url + "mon-parcours/",
        site.training_index.url + f"attestation/{site.module.pk}/",
        site.module.url,
        site.lessons[0].url,
    ]


def test_private_and_training_addresses_send_anonymous_visitors_to_sign_in(client, leaky_site):
    for path in private_paths(leaky_site):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(sign_in_url() + "?next="), path
        assert_no_secret(response.content.decode())


def test_a_staff_member_never_sees_someone_elses_attestation_or_progress(client, leaky_site, graduate, trainee):
    client.force_login(trainee)
    attestation = client.get(leaky_site.training_index.url + f"attestation/{leaky_site.module.pk}/")
    assert attestation.status_code == 404
    assert "Diplômée" not in attestation.content.decode()
    mine = visible_text(client.get(leaky_site.training_index.url + "mon-parcours/"))
    assert "Pas commencé" in mine  # the trainee's own status, not the graduate's
    assert "Diplômée" not in mine and "Terminé" not in mine


# The whole-page cache --------------------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PACTE_PAGE_CACHE_SECONDS = 600


def test_a_training_page_seen_by_staff_is_never_served_from_the_cache(client, leaky_site, graduate, page_cache):
    response = client.post(sign_in_url(), {"username": "agent.diplome", "password": PASSWORD})
    assert response.status_code == 302
    staff_view = client.get(leaky_site.module.url)
    assert staff_view.status_code == 200 and "Zéphyr formation module" in visible_text(staff_view)
    assert "X-Cache" not in staff_view
    client.post(reverse("site_core:logout"))
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value
    for _ in range(2):
        anonymous = client.get(leaky_site.module.url)
        assert anonymous.status_code == 302
        assert anonymous.get("X-Cache") != "hit"
        assert_no_secret(anonymous.content.decode())


def test_a_private_page_is_never_stored_for_anyone(client, leaky_site, graduate, page_cache):
    client.force_login(graduate)
    assert client.get(leaky_site.internal.url).status_code == 200
    client.logout()
    for _ in range(2):
        response = client.get(leaky_site.internal.url)
        assert response.status_code == 302
        assert "X-Cache" not in response


def test_a_newer_draft_never_reaches_the_cache(client, admin_client, leaky_site, page_cache):
    page = StandardPage.objects.get(pk=leaky_site.revised.pk)  # a copy: the module's site stays as built
    assert client.get(page.url)["X-Cache"] == "miss"
    # An editor writes a new draft and previews it: the public keeps seeing the live version, from the cache.
    page.introduction = "Zéphyr autre brouillon"
    page.save_revision()
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert "X-Cache" not in preview
    assert admin_client.get(page.url).get("X-Cache") is None
    response = client.get(page.url)
    assert response["X-Cache"] == "hit"
    assert "autre brouillon" not in visible_text(response)
    # Once published, the cache is purged and the new text shows.
    page.get_latest_revision().publish()
    response = client.get(page.url)
    assert response["X-Cache"] == "miss" and "Zéphyr autre brouillon" in visible_text(response)


def test_listings_cached_before_a_draft_is_published_never_hold_it(client, leaky_site, page_cache):
    for path in ("/fr/concertations/", "/fr/concertations/feed/", "/fr/concertations/events.ics", "/sitemap.xml"):
        client.get(path)
        response = client.get(path)
        assert response.get("X-Cache") == "hit", path
        assert_no_secret(response.content.decode())

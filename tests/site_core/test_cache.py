"""Whole-page cache: anonymous pages are served from it, every content change purges it, and nothing
personal, private, unpublished or broken is ever stored."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Locale, Page, PageViewRestriction, Site

from consultations.label.models import LabelLevel
from site_core.cache import AnonymousPageCacheMiddleware, read_generation
from site_core.models import NavigationMenu, NavigationMenuItem, SiteSettings
from tests.factories import StandardPageFactory
from tests.utils import visible_text
from training.models import StaffProfile


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PACTE_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="À propos", slug="a-propos", introduction="Version 1")


def test_second_anonymous_visit_is_served_from_the_cache(client, about):
    assert client.get("/fr/a-propos/")["X-Cache"] == "miss"
    assert client.get("/fr/a-propos/")["X-Cache"] == "hit"


def test_publishing_a_page_purges_the_cache(client, about):
    client.get("/fr/a-propos/")
    about.introduction = "Version 2"
    about.save_revision().publish()
    response = client.get("/fr/a-propos/")
    assert response["X-Cache"] == "miss"
    assert "Version 2" in visible_text(response)


def test_saving_a_draft_keeps_the_cache_and_never_shows_the_draft(client, about):
    client.get("/fr/a-propos/")
    about.introduction = "Brouillon"
    about.save_revision()
    response = client.get("/fr/a-propos/")
    assert response["X-Cache"] == "hit"
    assert "Brouillon" not in visible_text(response)


def test_unpublishing_a_page_purges_it(client, about):
    client.get("/fr/a-propos/")
    about.unpublish()
    assert client.get("/fr/a-propos/").status_code == 404


def test_moving_a_page_purges_the_cache(client, home_page, about):
    section = StandardPageFactory(parent=home_page, title="Rubrique", slug="rubrique")
    client.get("/fr/a-propos/")
    about.move(section, pos="last-child")
    # Wagtail leaves a redirect from the old address to the new one.
    assert client.get("/fr/a-propos/")["Location"] == "/fr/rubrique/a-propos/"
    assert client.get("/fr/rubrique/a-propos/").status_code == 200


def test_deleting_a_page_purges_the_cache(client, about):
    client.get("/fr/a-propos/")
    about.delete()
    assert client.get("/fr/a-propos/").status_code == 404


def test_changing_the_menu_snippet_purges_the_cache(client, home_page, about):
    client.get("/fr/")
    menu = NavigationMenu.objects.create(location=NavigationMenu.MAIN, locale=home_page.locale)
    NavigationMenuItem.objects.create(menu=menu, page=about, label="Qui sommes-nous")
    response = client.get("/fr/")
    assert response["X-Cache"] == "miss"
    assert "Qui sommes-nous" in visible_text(response)


def test_changing_site_settings_purges_the_cache(client, home_page):
    client.get("/fr/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Métropole Renommée"
    site_settings.save()
    assert "Métropole Renommée" in visible_text(client.get("/fr/"))


def test_signed_in_visitors_are_never_served_or_stored(client, about, django_user_model):
    client.get("/fr/a-propos/")
    user = django_user_model.objects.create_user("editrice", password="mot-de-passe-long-42")
    client.force_login(user)
    response = client.get("/fr/a-propos/")
    assert "X-Cache" not in response
    assert "Se déconnecter" in visible_text(response) or "editrice" in visible_text(response)


def test_private_pages_are_not_cached(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Interne", slug="interne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    first = client.get("/fr/interne/")
    assert first.status_code == 302
    assert "X-Cache" not in client.get("/fr/interne/")


def test_error_pages_are_not_cached(client, home_page):
    client.get("/fr/nulle-part/")
    assert "X-Cache" not in client.get("/fr/nulle-part/")


def test_pages_with_a_csrf_form_or_cookie_are_not_cached(client, home_page):
    client.get("/fr/connexion/")
    assert "X-Cache" not in client.get("/fr/connexion/")


def test_admin_and_previews_are_never_cached(admin_client, about):
    response = admin_client.get(f"/admin/pages/{about.pk}/edit/preview/")
    assert "X-Cache" not in response


def middleware_response(factory_request, response):
    return AnonymousPageCacheMiddleware(lambda request: response)(factory_request)


def test_post_requests_and_private_responses_are_not_stored(db):
    factory = RequestFactory()
    assert "X-Cache" not in middleware_response(factory.post("/fr/quelque-part/"), HttpResponse("ok"))
    private = HttpResponse("à moi")
    private["Cache-Control"] = "private"
    assert "X-Cache" not in middleware_response(factory.get("/fr/prive/"), private)
    cookie = HttpResponse("cookie")
    cookie.set_cookie("choix", "1")
    assert "X-Cache" not in middleware_response(factory.get("/fr/cookie/"), cookie)


def test_a_visitor_with_a_session_cookie_bypasses_the_cache(client, about):
    client.get("/fr/a-propos/")
    client.cookies["sessionid"] = "quelconque"
    assert "X-Cache" not in client.get("/fr/a-propos/")


def test_measuring_a_document_size_on_first_display_does_not_purge(client, home_page):
    from site_core.demo import demo_document

    document = demo_document("Plan d'action", ["2026"])
    type(document).objects.filter(pk=document.pk).update(file_size=None)
    StandardPageFactory(
        parent=home_page, title="Plans", slug="plans", body=[("document", {"document": document, "title": ""})]
    )
    client.get("/fr/")
    client.get("/fr/plans/")  # measures and stores the file size
    assert client.get("/fr/")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_remembered_values_follow_the_generation_and_the_variant():
    from site_core.cache import move_generation_on
    from site_core.site_data import remember

    built = []

    def build():
        built.append(len(built))
        return [built[-1]]

    assert remember("test-records", build, variant="2026-11-26") == [0]
    assert remember("test-records", build, variant="2026-11-26") == [0]
    move_generation_on()
    assert remember("test-records", build, variant="2026-11-26") == [1]
    assert remember("test-records", build, variant="2026-11-27") == [2]


@pytest.mark.django_db
def test_a_value_kept_by_another_code_version_is_never_read(settings):
    """After a deploy that changes what is cached (PACTE_CACHE_VERSION bumped), the old values are rebuilt, not
    unpickled."""
    from site_core.site_data import remember

    settings.PACTE_CACHE_VERSION = 7
    assert remember("test-shape", lambda: {"old": 1}) == {"old": 1}
    settings.PACTE_CACHE_VERSION = 8
    assert remember("test-shape", lambda: {"new": 2}) == {"new": 2}
    settings.PACTE_CACHE_VERSION = 7
    assert remember("test-shape", lambda: {"never": 3}) == {"old": 1}


def test_the_version_is_part_of_every_page_cache_key(settings, rf):
    from site_core.cache import cache_key

    request = rf.get("/fr/")
    settings.PACTE_CACHE_VERSION = 7
    before = cache_key(request, 3)
    settings.PACTE_CACHE_VERSION = 8
    assert cache_key(request, 3) != before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: Locale(language_code="fr"),
        lambda: [("ok", Locale(language_code="fr"))],
        lambda: {"page": Page(title="x")},
        object,
    ],
    ids=["model", "model-in-a-list", "model-in-a-dict", "object"],
)
def test_remember_refuses_what_is_not_plain(make):
    from site_core.site_data import remember

    with pytest.raises(TypeError, match="plain values only"):
        remember("test-refused", make)


def test_a_thousand_distinct_searches_leave_the_cached_pages_in_place(client, about):
    """Searches, and every address with a query string, are kept in a bounded cache of their own: visitors typing
    many different words can never push the site's pages out of the cache."""
    assert client.get("/fr/")["X-Cache"] == "miss"
    assert client.get("/fr/a-propos/")["X-Cache"] == "miss"
    for number in range(1000):
        assert client.get("/fr/recherche/", {"q": f"mot{number}"}).status_code == 200
    assert client.get("/fr/")["X-Cache"] == "hit"
    assert client.get("/fr/a-propos/")["X-Cache"] == "hit"
    # Searches are served from their own cache, within its bound: the latest ones are still there.
    assert client.get("/fr/recherche/", {"q": "mot999"})["X-Cache"] == "hit"


def test_a_cached_search_follows_publication(client, home_page, about):
    first = client.get("/fr/recherche/", {"q": "propos"})
    assert "1 résultat pour « propos »" in visible_text(first)
    assert client.get("/fr/recherche/", {"q": "propos"})["X-Cache"] == "hit"
    StandardPageFactory(parent=home_page, title="À propos des quartiers", slug="quartiers")
    again = client.get("/fr/recherche/", {"q": "propos"})
    assert again["X-Cache"] == "miss"
    assert "2 résultats pour « propos »" in visible_text(again)


def test_each_domain_app_says_whether_its_records_purge_the_cache(home_page, django_user_model):
    """The charter and the consultations (rooms included: same app label) register in their AppConfig.ready that
    their records appear on public pages; training is private and does not, so a staff member's profile never
    purges what visitors are served."""
    before = read_generation()
    LabelLevel.objects.create(
        name="Co-construit", slug="co-construit", rank=1, summary="S.", criteria="C.", locale=home_page.locale
    )
    assert read_generation() == before + 1
    StaffProfile.objects.create(user=django_user_model.objects.create_user("agent"), service="Voirie")
    assert read_generation() == before + 1

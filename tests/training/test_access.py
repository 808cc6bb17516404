"""Who sees what: every training URL for anonymous visitors, signed-in non-staff, staff and editors."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from site_core.models import NavigationMenu, NavigationMenuItem
from training import progress
from training.models import LessonProgress


def sign_in_url():
    with translation.override("fr"):
        return reverse("site_core:login")


def complete_module(user, lessons):
    for lesson in lessons:
        progress.mark_done(user, lesson)
        progress.record_quiz_score(user, lesson, 100)


@pytest.fixture
def training_urls(training_index, module_with_lessons):
    module, lessons = module_with_lessons
    return {
        "catalogue": training_index.url,
        "my training": training_index.url + "mon-parcours/",
        "attestation": training_index.url + f"attestation/{module.pk}/",
        "module": module.url,
        "lesson": lessons[0].url,
    }


ROLES = ["anonymous", "non-staff", "staff", "editor"]


@pytest.fixture
def as_role(client, staff_user, other_user, editor, module_with_lessons):
    _module, lessons = module_with_lessons

    def sign_in(role):
        user = {"anonymous": None, "non-staff": other_user, "staff": staff_user, "editor": editor}[role]
        if user is not None:
            complete_module(user, lessons)  # so the attestation URL exists for whoever may see it
            client.force_login(user)
        return client

    return sign_in


@pytest.mark.parametrize("name", ["catalogue", "my training", "attestation", "module", "lesson"])
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(as_role, training_urls, role, name):
    url = training_urls[name]
    response = as_role(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(sign_in_url() + "?next=")
        assert url in response["Location"].replace("%2F", "/")
    elif role == "non-staff":
        assert response.status_code == 403
        assert "Réservé aux agents de la Métropole" in response.content.decode()
    else:
        assert response.status_code == 200
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control
    if role != "anonymous":  # anonymous visitors only ever get the redirect to the sign-in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_sign_in_page_is_the_site_styled_one_and_brings_staff_back(client, training_urls, staff_user):
    response = client.get(training_urls["module"], follow=True)
    assert response.redirect_chain[-1][0].startswith(sign_in_url())
    html = response.content.decode()
    assert 'class="site-header"' in html  # the site's page, not the admin's
    response = client.post(
        response.redirect_chain[-1][0],
        {"username": "agent.test", "password": "correct horse battery staple", "next": training_urls["module"]},
    )
    assert response.status_code == 302
    assert response["Location"] == training_urls["module"]


def test_staff_flag_without_group_is_enough(client, training_urls, other_user):
    other_user.is_staff = True
    other_user.save()
    client.force_login(other_user)
    assert client.get(training_urls["catalogue"]).status_code == 200


def test_wagtail_editors_group_may_read_what_it_edits(client, training_urls, other_user):
    from django.contrib.auth.models import Group

    other_user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other_user)
    assert client.get(training_urls["module"]).status_code == 200


def test_code_rule_still_applies_when_the_view_restriction_is_removed(
    client, training_index, training_urls, other_user, django_capture_on_commit_callbacks
):
    assert PageViewRestriction.objects.filter(page=training_index).exists()  # made when the index was saved
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.filter(page=training_index).delete()
    for url in training_urls.values():
        assert client.get(url).status_code == 302
    client.force_login(other_user)
    for url in training_urls.values():
        assert client.get(url).status_code == 403


def test_a_deleted_view_restriction_comes_back(training_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=training_index).delete()
    assert PageViewRestriction.objects.filter(page=training_index).count() == 1


def test_anonymous_post_records_nothing(client, module_with_lessons):
    _module, lessons = module_with_lessons
    response = client.post(lessons[0].url, {"action": "done"})
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()


def test_non_staff_post_records_nothing(client, module_with_lessons, other_user):
    _module, lessons = module_with_lessons
    client.force_login(other_user)
    assert client.post(lessons[0].url, {"action": "done"}).status_code == 403
    assert not LessonProgress.objects.exists()


def test_progress_posts_need_the_csrf_token(module_with_lessons, staff_user):
    from django.test import Client

    _module, lessons = module_with_lessons
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.post(lessons[0].url, {"action": "done"}).status_code == 403
    assert not LessonProgress.objects.exists()


def test_training_is_absent_from_search_sitemap_and_menus(client, home_page, training_index, module_with_lessons):
    module, lessons = module_with_lessons
    menu = NavigationMenu.objects.create(location=NavigationMenu.MAIN, locale=home_page.locale)
    NavigationMenuItem.objects.create(menu=menu, page=training_index, label="Formations internes", sort_order=0)

    search = client.get(_search_url(), {"q": "charte"})
    assert "La charte en pratique" not in search.content.decode()
    assert "Leçon 1" not in search.content.decode()

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/fr/formations/" not in sitemap
    assert "/fr/" in sitemap

    home = client.get(home_page.url).content.decode()
    assert "Formations internes" not in home


def test_training_pages_stay_out_of_search_even_without_restriction(
    client, training_index, module_with_lessons, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.filter(page=training_index).delete()
    call_command("update_index", verbosity=0)
    text = client.get(_search_url(), {"q": "charte"}).content.decode()
    assert "La charte en pratique" not in text
    text = client.get(_search_url(), {"q": "Leçon"}).content.decode()
    assert "Leçon 1" not in text


def _search_url():
    with translation.override("fr"):
        return reverse("site_core:search")


def test_quiz_answers_are_private_too(client, staff_user, module_with_lessons):
    lesson = module_with_lessons[1][0]
    client.force_login(staff_user)
    response = client.post(lesson.url, {"action": "quiz"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("which", ["index", "module", "lesson"])
def test_editors_can_preview_training_pages(rf, editor, training_index, module_with_lessons, which):
    module, lessons = module_with_lessons
    page = {"index": training_index, "module": module, "lesson": lessons[0]}[which]
    request = rf.get(page.url)
    request.user = editor
    response = page.serve_preview(request, page.default_preview_mode)
    response.render()
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_signed_in_staff_find_the_training_in_the_main_menu(client, staff_user, training_index):
    client.force_login(staff_user)
    html = client.get("/fr/").content.decode()
    assert f'<li><a href="{training_index.url}">{training_index.title}</a></li>' in html


def test_anonymous_visitors_and_other_accounts_see_no_training_link(client, other_user, training_index):
    assert training_index.url not in client.get("/fr/").content.decode()
    client.force_login(other_user)
    assert training_index.url not in client.get("/fr/").content.decode()

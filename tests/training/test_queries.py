"""Query counts do not grow with the number of modules, lessons or completions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.training.conftest import add_module
from training import progress


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def build(index, user, modules, lessons):
    built = [add_module(index, slug=f"module-{n}", title=f"Module {n}", lessons=lessons) for n in range(modules)]
    for _module, pages in built:
        for lesson in pages[:-1]:
            progress.mark_done(user, lesson)
            progress.record_quiz_score(user, lesson, 100)
    return built


@pytest.fixture
def measure(client, staff_user, training_index):
    client.force_login(staff_user)

    def run(modules, lessons, page):
        index = training_index
        built = build(index, staff_user, modules, lessons)
        module, pages = built[0]
        urls = {
            "catalogue": index.url,
            "my training": index.url + "mon-parcours/",
            "module": module.url,
            "lesson": pages[1].url,
        }
        client.get(urls[page])  # warm the per-process caches (site, locale, settings)
        return count_queries(client, urls[page])

    return run


@pytest.mark.parametrize("page", ["catalogue", "my training", "module", "lesson"])
def test_query_count_does_not_grow_with_lessons(measure, page, django_db_blocker):
    small = measure(1, 2, page)
    from wagtail.models import Page

    Page.objects.filter(depth__gt=3).delete()
    big = measure(4, 8, page)
    assert big == small, f"{page}: {small} queries with 2 lessons, {big} with 4 modules of 8 lessons"

"""Query counts do not grow with the number of modules, lessons or completions."""

import pytest
from wagtail.models import Page

from tests.factories import training_module
from training import progress

# Staff pages are signed in, so never served from the page cache, and read the session, the user and the learner's
# progress besides what a public page reads: 20 to 23 queries when this was written.
STAFF_PAGE_BUDGET = 25


def build(index, user, modules, lessons):
    built = [
        training_module(parent=index, slug=f"module-{n}", title=f"Module {n}", lessons=lessons) for n in range(modules)
    ]
    for _module, pages in built:
        for lesson in pages[:-1]:
            progress.mark_done(user, lesson)
            progress.record_quiz_score(user, lesson, 100)
    return built


@pytest.fixture
def training_url(client, staff_user, training_index):
    """Builds a catalogue of `modules` with `lessons` each, the learner halfway, and gives the address of `page`
    once visited (the per-process caches of site, locale and settings warm)."""
    client.force_login(staff_user)

    def build_and_visit(modules, lessons, page):
        module, pages = build(training_index, staff_user, modules, lessons)[0]
        url = {
            "catalogue": training_index.url,
            "my training": training_index.url + "mon-parcours/",
            "module": module.url,
            "lesson": pages[1].url,
        }[page]
        client.get(url)
        return url

    return build_and_visit


@pytest.mark.parametrize("page", ["catalogue", "my training", "module", "lesson"])
def test_query_count_does_not_grow_with_lessons(
    client, training_url, page, django_assert_max_num_queries, django_assert_num_queries
):
    url = training_url(1, 2, page)
    with django_assert_max_num_queries(STAFF_PAGE_BUDGET, info=f"{page} with 2 lessons") as small:
        assert client.get(url).status_code == 200
    small = len(small)  # now: the next request empties the connection's query log
    Page.objects.filter(depth__gt=3).delete()
    url = training_url(4, 8, page)
    with django_assert_num_queries(small, info=f"{page} with 4 modules of 8 lessons, as with 2 lessons"):
        assert client.get(url).status_code == 200

"""The link other templates can show to signed-in staff, and only to them."""

from django.template import Context, Template
from django.test import RequestFactory

TEMPLATE = Template(
    "{% load wagtailcore_tags training_tags %}{% training_catalogue as catalogue %}"
    '{% if catalogue %}<a href="{% pageurl catalogue %}">{{ catalogue.title }}</a>{% endif %}'
)


def render_for(user):
    request = RequestFactory().get("/fr/")
    request.user = user
    return TEMPLATE.render(Context({"request": request}))


def test_staff_see_the_link_to_the_catalogue(training_index, staff_user):
    assert render_for(staff_user) == '<a href="/fr/formations/">Formations</a>'


def test_anonymous_and_non_staff_see_nothing(training_index, other_user, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert render_for(AnonymousUser()) == ""
    assert render_for(other_user) == ""

"""Dates as readers write them: the first of the month is "1er" in French (issue 18), nothing else changes."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from site_core.dates import local_date


@pytest.mark.parametrize(
    ("language", "value", "format_name", "expected"),
    [
        ("fr", datetime.date(2027, 5, 1), "DATE_FORMAT", "1er mai 2027"),
        ("fr", datetime.date(2027, 5, 2), "DATE_FORMAT", "2 mai 2027"),
        ("fr", datetime.date(2027, 5, 11), "j F Y", "11 mai 2027"),
        ("fr", datetime.datetime(2027, 5, 1, 18, 30), "l j F Y, H:i", "samedi 1er mai 2027, 18:30"),
        ("fr", datetime.date(2027, 5, 1), r"\j\o\u\r j", "jour 1er"),
        ("en", datetime.date(2027, 5, 1), "j F Y", "1 May 2027"),
        ("nl", datetime.date(2027, 5, 1), "j F Y", "1 mei 2027"),
    ],
)
def test_the_first_of_the_month_is_an_ordinal_in_french_only(language, value, format_name, expected):
    with translation.override(language):
        assert local_date(value, format_name) == expected


def test_the_template_filter_reads_the_same_and_survives_what_is_not_a_date():
    template = Template(
        '{% load site_core_tags %}{{ day|local_date:"j F Y" }}|{{ nothing|local_date }}|{{ text|local_date }}'
    )
    with translation.override("fr"):
        rendered = template.render(Context({"day": datetime.date(2027, 1, 1), "nothing": None, "text": "demain"}))
    assert rendered == "1er janvier 2027||"

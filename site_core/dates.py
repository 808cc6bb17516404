"""Dates as a French reader expects them: "1er mai 2027", not "1 mai 2027" (the first day of a month is an
ordinal in French, the others are cardinals). Django's date formats cannot say so: its `j` is the day's number."""

import re

from django.utils import formats, translation

# A `j` (day of the month) that is not escaped by a backslash in a Django date format.
DAY_OF_MONTH = re.compile(r"(?<!\\)j")


def local_date(value, format_name="DATE_FORMAT"):
    """`value` (a date or datetime) in `format_name` (a Django format name, or a format such as "j F Y"), as
    django.utils.formats.date_format gives it, with the first of the month as "1er" in French."""
    if value in (None, ""):
        return ""
    pattern = formats.get_format(format_name)
    language = (translation.get_language() or "").split("-")[0]
    if language == "fr" and getattr(value, "day", None) == 1:
        pattern = DAY_OF_MONTH.sub(r"1\\e\\r", pattern)
    return formats.date_format(value, pattern)

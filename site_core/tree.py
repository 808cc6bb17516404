"""Tree lookups that stay fast with thousands of pages."""

from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Concat


def children_of_outer_page(prefix=""):
    """Filter arguments that select the children of the page `OuterRef` in a subquery (`prefix` reaches the page
    through a relation, e.g. "page__"). A child's path is its parent's plus four characters from 0-9A-Z, and
    Wagtail stores paths with the bytewise "C" collation: this range is exact and walks the path index, where
    `path__startswith=OuterRef("path")` compares every candidate with every outer page."""
    return {
        f"{prefix}path__gt": OuterRef("path"),
        f"{prefix}path__lte": Concat(OuterRef("path"), Value("ZZZZ"), output_field=CharField()),
        f"{prefix}depth": OuterRef("depth") + 1,
    }

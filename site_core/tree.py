"""Tree lookups that stay fast with thousands of pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Concat
from wagtail.models import Page


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


def address_prefixes(root_url_path, path_components):
    """The internal addresses (url_path) of the pages a request for `path_components` under the page at
    `root_url_path` may lead to, longest first: Wagtail walks them one level at a time."""
    return [root_url_path + "/".join(path_components[:length]) + "/" for length in range(len(path_components), 0, -1)]


def deepest_match(root, path_components):
    """The pages under `root` whose address is the longest start of `path_components`, deepest first: one query
    for the whole path instead of Wagtail's two per level. What remains of the path is then the found page's to
    route (a routable page's sub-route, or a 404)."""
    prefixes = address_prefixes(root.url_path, path_components)
    return Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth).order_by(
        "-depth"
    )


def specific_in_bulk(pages, refine=None):
    """{id: specific page} for `pages`, pairs of (id, content type id) already read (from base pages or kept
    values): one query per page type, where Wagtail's `.specific()` first reads every page's type again.
    `refine(queryset)` narrows each type's query (live, public...); StreamFields are not read."""
    ids_by_type = {}
    for page_id, content_type_id in pages:
        ids_by_type.setdefault(content_type_id, []).append(page_id)
    found = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()  # cached by Django
        if model is None:
            continue  # a page type whose code is gone: nothing to show
        queryset = model._default_manager.filter(pk__in=ids)
        found.update((refine(queryset) if refine else queryset).defer_streamfields().in_bulk())
    return found

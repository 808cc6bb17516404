"""What the tests share beyond test data: the query budget, and reading a response as a citizen takes it in."""

import re
from html import unescape

# Queries a page may make once the data every page shares (site, locales, menus) is cached; the per-feature tests
# hold their listings to it whatever the number of rows.
QUERY_BUDGET = 15


def visible_text(response):
    """The text of a response with tags removed and white space folded, as a reader would take it in."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())

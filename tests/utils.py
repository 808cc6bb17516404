"""Small helpers for tests: publishing pages and reading what a citizen sees."""

import re
from html import unescape


def publish_child(parent, page):
    """Add `page` under `parent` and publish it; returns the live page."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def visible_text(response):
    """The text of a response with tags removed and white space folded, as a reader would take it in."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())

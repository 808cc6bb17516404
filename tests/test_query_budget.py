"""Every public page of the demo site renders, uncached, in at most 15 SQL queries (the performance budget)."""

import re
from urllib.parse import urlparse

from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY_BUDGET = 15


def public_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return sorted({urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)})


def test_every_public_page_stays_within_the_query_budget(client, demo_site):
    over_budget = {}
    for path in public_paths(client):
        client.get(path)  # warm what every request shares (site root paths, header and footer data)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        if len(queries) > QUERY_BUDGET:
            over_budget[path] = len(queries)
    assert not over_budget, f"pages over {QUERY_BUDGET} queries: {over_budget}"

"""The public addresses that tests/security/test_bad_input.py sends hostile values to.

Each target takes the namespace built by `public_site` (tests/security/conftest.py). A new public listing,
filter, feed or verification route (the citizen label's verification, the dashboard's CSV...) adds its page to
`build_public_site` and one line to these lists: it is then fuzzed like the others.
"""

# (name, address of the page or view, query-string parameters it reads)
QUERY_TARGETS = [
    ("consultation index", lambda site: site.index.url, ["status", "theme", "territory", "year", "page"]),
    ("consultations RSS feed", lambda site: site.index.url + "feed/", ["page", "format"]),
    ("events calendar", lambda site: site.index.url + "events.ics", ["page", "from"]),
    ("one event's calendar", lambda site: site.event_ics_url, ["page"]),
    ("search", lambda site: "/fr/recherche/", ["q", "page"]),
    ("sitemap", lambda site: "/sitemap.xml", ["page", "p"]),
    ("charter commitment", lambda site: site.charter.url + "engagements/1/", ["page"]),
    ("attestation verification", lambda site: site.verification.url, ["code"]),
]

# (name, address a hostile path segment is appended to)
PATH_TARGETS = [
    ("charter commitment number", lambda site: site.charter.url + "engagements/"),
    ("attestation code", lambda site: site.verification.url),
    ("consultation event", lambda site: site.public.url + "evenements/"),
    ("page under the consultation index", lambda site: site.index.url),
    ("unknown page under the home page", lambda site: "/fr/"),
    ("outside every language", lambda site: "/"),
]

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
    ("citizen label awards", lambda site: site.label.url, ["year", "level", "page"]),
    ("citizen label verification", lambda site: site.label.url + "verifier/ABCD-EFGH-JKMN/", ["code"]),
    ("citizen label code check", lambda site: site.label.url + "verifier/", ["code"]),
    ("indicators dashboard", lambda site: site.dashboard.url, ["year", "theme", "territory", "status"]),
    ("indicators CSV", lambda site: site.dashboard.url + "figures.csv", ["year", "theme", "territory", "status"]),
]

# (name, address a hostile path segment is put after, what follows the segment)
PATH_TARGETS = [
    ("charter commitment number", lambda site: site.charter.url + "engagements/", "/"),
    ("attestation code", lambda site: site.verification.url, "/"),
    ("consultation event", lambda site: site.public.url + "evenements/", "/"),
    ("consultation event calendar", lambda site: site.public.url + "evenements/", ".ics"),
    ("citizen label code", lambda site: site.label.url + "verifier/", "/"),
    ("citizen label badge", lambda site: site.label.url + "verifier/", "/badge.svg"),
    ("citizen label badge image", lambda site: site.label.url + "verifier/", "/badge.png"),
    ("citizen label document check", lambda site: site.label.url + "verifier/", "/document/"),
    ("page under the consultation index", lambda site: site.index.url, "/"),
    ("unknown page under the home page", lambda site: "/fr/", "/"),
    ("outside every language", lambda site: "/", "/"),
]

"""No English or Dutch page of the demo shows the site's French interface text (issue 18): every sentence of the
French catalogues that differs from its English message is looked for in the visible text of every /en/ and /nl/
page of the sitemap, outside the elements marked lang="fr" (a consultation shown in its original language)."""

import re
from html import unescape
from urllib.parse import urlparse

import polib
from django.conf import settings

APPS = ("site_core", "charter_pages", "consultations", "training")
# Placeholders and markup split a message into the fixed runs of text a page shows as they are.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|\{[^}]*\}")


def french_sentences():
    """Fixed runs of French text long enough to be unmistakable (20 characters), from every French catalogue."""
    found = set()
    for app in APPS:
        for entry in polib.pofile(str(settings.BASE_DIR / app / "locale" / "fr" / "LC_MESSAGES" / "django.po")):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            for text in texts:
                for run in PLACEHOLDER.split(text):
                    run = " ".join(run.split()).strip(" .,:;()«»")
                    if len(run) >= 20 and run not in entry.msgid and " " in run:
                        found.add(run)
    return found


def unmarked_text(html):
    """The visible text of a page without scripts, styles and elements in French (lang="fr" and what they hold),
    nor postal addresses: they are written as the post office of a French town reads them, in every language."""
    html = re.sub(r"<(script|style|address)\b.*?</\1>", " ", html, flags=re.S)
    kept, depth, stack = [], 0, []
    for token in re.split(r"(<[^>]+>)", html):
        if token.startswith("</"):
            if stack:
                tag, french = stack.pop()
                depth -= french
        elif token.startswith("<") and not token.startswith("<!"):
            name = re.match(r"<\s*([\w-]+)", token)
            if name and not token.endswith("/>") and name.group(1).lower() not in VOID:
                french = bool(re.search(r'\slang="fr', token))
                stack.append((name.group(1), french))
                depth += french
        elif depth == 0:
            kept.append(token)
    return " ".join(unescape(" ".join(kept)).split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def test_no_english_or_dutch_page_shows_french_interface_text(demo_site, client):
    sentences = french_sentences()
    assert len(sentences) > 300  # the catalogues were read
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = sorted({urlparse(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    paths = [path for path in paths if path.startswith(("/en/", "/nl/"))] + ["/nl/", "/en/search/?q=charter"]
    assert any(path.startswith("/nl/") for path in paths)
    problems = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = unmarked_text(response.content.decode())
        problems += [f"{path}: “{sentence}”" for sentence in sentences if sentence in text]
    assert not problems, "\n".join(problems)

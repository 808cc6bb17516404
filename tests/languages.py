"""Reading a page as a reader of one language: the visible text its markup says is in that language."""

import re
from html.parser import HTMLParser

# Elements whose content a reader does not see as text.
HIDDEN = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text attributes a reader meets (read aloud or shown as a tooltip).
TEXT_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
# Short French words that no Dutch sentence uses ("les" and "des" are Dutch words too): one of them in text marked as
# Dutch is French left behind.
FRENCH_WORDS = re.compile(r"\b(est|être|été|pour|avec|une|dans|vous|nous|sont|aux|cette|leurs?|qui)\b", re.IGNORECASE)


class _LanguageParser(HTMLParser):
    def __init__(self, within):
        super().__init__(convert_charrefs=True)
        self.within = within
        self.stack = []  # (tag, language, hidden, inside `within`)
        self.nodes = []  # (language, text)

    def _state(self):
        return self.stack[-1][1:] if self.stack else ("", False, self.within is None)

    def _attributes(self, tag, attrs, language, inside):
        if inside:
            for name in TEXT_ATTRIBUTES:
                if attrs.get(name) and not (name == "title" and tag == "link"):
                    self.nodes.append((language, attrs[name]))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        parent_language, parent_hidden, parent_inside = self._state()
        language = attrs.get("lang", parent_language)
        inside = parent_inside or tag == self.within
        if tag in VOID:
            self._attributes(tag, attrs, language, inside)
            return
        self._attributes(tag, attrs, language, inside)
        self.stack.append((tag, language, parent_hidden or tag in HIDDEN, inside))

    def handle_endtag(self, tag):
        if tag in VOID or not any(entry[0] == tag for entry in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        language, hidden, inside = self._state()
        text = " ".join(data.split())
        if text and inside and not hidden:
            self.nodes.append((language, text))


def text_nodes(html, within="main"):
    """[(language, text)]: each visible text node (and text attribute) of `html` inside its `within` element (the
    whole document when None), with the language its nearest `lang` attribute gives it."""
    parser = _LanguageParser(within)
    parser.feed(html)
    return parser.nodes


def text_in_language(html, language, within="main"):
    """The visible text of `html` (inside `within`) that its markup gives as `language` ("nl" also takes
    "nl-BE"), white space folded."""
    return " ".join(text for code, text in text_nodes(html, within) if code.split("-")[0] == language)


def french_left_in(text):
    """The French words found in `text`, which should have none."""
    return sorted({match.group(0).lower() for match in FRENCH_WORDS.finditer(text)})

"""Explain glossary terms where they appear: the first mention of each term on a page links to its definition.

Works without JavaScript: the link leads to the glossary entry on the same page (a <dfn> in a <dl>) and is
described by the definition (aria-describedby), so screen readers read the definition on focus.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class GlossaryMarker:
    """Marks terms in plain texts, once per term across everything it marks; remembers the terms it used."""

    def __init__(self, terms):
        self.terms = {term.term.casefold(): term for term in terms if term.term.strip()}
        self.used = []
        self._regex = None
        if self.terms:
            # Longest first so "concertation préalable" wins over "concertation"; a plural s/x still matches.
            alternatives = sorted((re.escape(term.term) for term in self.terms.values()), key=len, reverse=True)
            self._regex = re.compile(rf"(?<!\w)({'|'.join(alternatives)})(?:s|x)?(?!\w)", re.IGNORECASE)

    def mark(self, text):
        """`text` (plain) as safe HTML, with the first mention of each not-yet-explained term linked."""
        text = text or ""
        if self._regex is None:
            return escape(text)
        output = []
        position = 0
        for match in self._regex.finditer(text):
            term = self.terms.get(match.group(1).casefold())
            if term is None or term in self.used:
                continue
            self.used.append(term)
            output.append(escape(text[position : match.start()]))
            output.append(
                format_html(
                    '<a class="glossary-link" href="#{anchor}" aria-describedby="{anchor}-definition">{word}</a>',
                    anchor=term.anchor,
                    word=match.group(0),
                )
            )
            position = match.end()
        output.append(escape(text[position:]))
        return mark_safe("".join(output))  # noqa: S308 - every piece above is escaped or built by format_html

    def mark_lines(self, text):
        """One safe HTML string per non-empty line: easy-read texts put one sentence per line."""
        return [self.mark(line.strip()) for line in (text or "").splitlines() if line.strip()]

"""The home page's sections, in the order its editor chose: the highlights site_core shows itself, and the sections a
domain app contributes through the HOME_SECTIONS hook (the consultations' open ones, next meetings, reports and late
answers), which site_core shows without importing their app."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

# fn() -> [HomeSection] a domain app offers to the home page, in the order a new home page lists them.
HOME_SECTIONS = "site_home_sections"
HIGHLIGHTS = "highlights"


@dataclass(frozen=True)
class HomeSection:
    """A kind of section the home page's editor can place: `kind` is what the page stores, `label` what the editor
    reads, `build(page, request)` the section as the template shows it (a dict with the "template" to include, given
    the dict as `section`, and an optional "stylesheet"), or None to leave it out."""

    kind: str
    label: Any
    build: Any


def build_highlights(page, request):
    cards = page.highlight_cards()
    return {"template": "site_core/includes/home_highlights.html", "cards": cards} if cards else None


def section_kinds():
    """{kind: HomeSection}: the apps' sections in hook order, then the highlights."""
    kinds = {section.kind: section for function in hooks.get_hooks(HOME_SECTIONS) for section in function()}
    kinds[HIGHLIGHTS] = HomeSection(HIGHLIGHTS, _("Highlighted pages (chosen below)"), build_highlights)
    return kinds


def section_choices():
    """The choices of the home page's sections field (called when the form is drawn: the apps' hooks are loaded)."""
    return [(section.kind, section.label) for section in section_kinds().values()]


def default_sections():
    """What a new home page shows, in this order: every section on offer (the StreamField's default)."""
    return [("section", kind) for kind in section_kinds()]


def built_sections(page, request, kinds):
    """The sections `kinds` (in that order) as the page shows them; a kind no longer offered, or one with nothing
    to show, is left out."""
    offered = section_kinds()
    sections = []
    for kind in kinds:
        section = offered.get(kind)
        built = section.build(page, request) if section else None
        if built:
            sections.append({"kind": kind, **built})
    return sections

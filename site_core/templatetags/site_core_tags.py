"""Template tags for the site-wide parts: menus, language switcher, accessibility status, file details."""

import os
import re

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.models import Page

from site_core import dates, public_address
from site_core.site_data import remember, site_chrome
from site_core.translation import Shown

register = template.Library()


# The end of a sentence: its final mark, then a space (the French « ? » and « ! » come after a space, so the mark is
# the last character before the next sentence's space).
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@register.filter(is_safe=False)
def whole_sentences(text, words=40):
    """The first sentences of `text` that fit in about `words` words, never cut inside a sentence (a summary that
    ends "le parc de …" reads as a mistake). The first sentence is kept whole unless it alone is over twice the
    budget; only then is it cut between words, with an ellipsis."""
    text = " ".join(str(text or "").split())
    budget, kept = int(words), []
    for sentence in SENTENCE_END.split(text):
        length = len(sentence.split())
        if kept and sum(len(part.split()) for part in kept) + length > budget:
            break
        kept.append(sentence)
    first = kept[0] if kept else ""
    if len(kept) == 1 and len(first.split()) > 2 * budget:
        return " ".join(first.split()[:budget]) + " …"
    return " ".join(kept)


@register.filter(expects_localtime=True)
def local_date(value, format_name="DATE_FORMAT"):
    """Django's `date` filter, with the first of the month as "1er" in French (site_core.dates)."""
    try:
        return dates.local_date(value, format_name)
    except (AttributeError, TypeError, ValueError):
        return ""


@register.filter
def public_url(target):
    """A page's, or a site path's, address at PACTE_BASE_URL (canonical links, social images): never the
    request's host."""
    if isinstance(target, Page):
        return public_address.page_url(target)
    return public_address.absolute_url(str(target or ""))


@register.simple_tag(takes_context=True)
def navigation_menu(context, location):
    """The links of the menu at `location` in the active language: dicts with text, url and page_id."""
    request = context.get("request")
    return site_chrome(request)["menus"].get(location, []) if request else []


@register.simple_tag(takes_context=True)
def site_home_url(context):
    """The home page's address in the active language (the default language's when it has none)."""
    request = context.get("request")
    homes = site_chrome(request)["homes"] if request else {}
    return homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE) or "/"


@register.simple_tag(takes_context=True)
def site_tagline(context):
    """The sentence under the institution's name, from the home page in the active language: nothing rather than
    another language's sentence when that home page has none."""
    request = context.get("request")
    return site_chrome(request)["taglines"].get(translation.get_language(), "") if request else ""


@register.simple_tag
def source_language():
    """The language editors write in first (settings.LANGUAGE_CODE): that of what has one version for every
    language, such as the institution's postal address in its settings."""
    return settings.LANGUAGE_CODE


@register.simple_tag
def language_mark(code):
    """After a link's text in another language: "(FR)" to see, "(in French)" to hear, in the reader's language."""
    if not code:
        return ""
    context = {"code": code, "reader": translation.get_language()}
    return mark_safe(render_to_string("includes/language_mark.html", context).strip())  # noqa: S308


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: to this page's translation when it is published; else, on a page, to the page in that
    language saying it is not translated and offering the versions there are (site_core.views.not_translated);
    else to that language's home."""
    request = context.get("request")
    homes = site_chrome(request)["homes"] if request else {}
    page = context.get("page")
    translations, can_explain = {}, False
    if page is not None and hasattr(page, "live_translations"):
        translations = {other.locale.language_code: other.get_url(request) for other in page.live_translations}
        # Only a live, public page (one of its own live translations) has a "not translated" page: a preview, a
        # private page or a draft has none.
        can_explain = any(other.pk == page.pk for other in page.live_translations)
        can_explain = can_explain and not getattr(request, "is_preview", False)
    current = translation.get_language()
    # A routable page's sub-route (the charter's easy-to-read version, a commitment) sets `route_paths`, its path
    # after each translation's URL (in that language's words): the link then leads to the same sub-route there.
    route_paths = context.get("route_paths") or {}
    links = []
    for code, name in settings.LANGUAGES:
        url, leads_to = translations.get(code), "translation"
        if url is None and code in homes:
            url, leads_to = (not_translated_url(page, code), "explanation") if can_explain else (homes[code], "home")
        if url is None:
            continue
        if code in translations and code in route_paths:
            url = f"{url}{route_paths[code]}"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
                "leads_to": leads_to,
            }
        )
    return links


def not_translated_url(page, code):
    with translation.override(code):
        return reverse("site_core:not_translated", args=[page.pk])


@register.simple_tag(takes_context=True)
def site_logo(context, spec):
    """The settings' logo as its rendition `spec`'s {"url", "width", "height"}, or None: read once per content
    generation, like the settings themselves (the image and its rendition would cost two queries on every page).
    `spec` resizes only (it never crops)."""
    site_settings = context.get("site_settings")
    logo_id = site_settings.logo_id if site_settings else None
    if not logo_id:
        return None

    def build():
        # One query once the rendition exists (a size-only spec: the image's focal point does not change it).
        image_model = get_image_model()
        rendition = image_model.get_rendition_model().objects.filter(image_id=logo_id, filter_spec=spec).first()
        if rendition is None:
            image = image_model.objects.filter(pk=logo_id).first()
            if image is None:
                return None
            rendition = image.get_rendition(spec)
        return {"url": rendition.url, "width": rendition.width, "height": rendition.height}

    return remember(f"site-logo:{logo_id}:{spec}", build)


@register.simple_tag(takes_context=True)
def accessibility_statement(context):
    """The accessibility statement of the active language (or the default one): its url and status word."""
    request = context.get("request")
    return site_chrome(request)["statement"] if request else None


@register.simple_tag(takes_context=True)
def legal_links(context):
    """The footer's links to the legal notice, personal-data page and site map (text, url, lang if not ours)."""
    request = context.get("request")
    return site_chrome(request)["legal_links"] if request else []


@register.filter
def file_extension(document):
    """The file type of a Wagtail document, as readers say it: "PDF", "ODT"."""
    return os.path.splitext(document.file.name)[1].lstrip(".").upper()


@register.filter
def file_size(document):
    """The document's size ("1.2 MB"), or an empty string when the file is missing."""
    size = document.get_file_size()
    return filesizeformat(size) if size else ""


@register.simple_tag
def shown_in_language(value, lang="", block=False, classes="", notice=True):
    """A text as shown to the reader: when it is in another language than theirs (`lang`, or the `lang` of a
    site_core.translation.Shown given as `value`), inside an element with that `lang`, so screen readers pronounce
    it right, followed by a visible notice in the reader's language. `block` shows a paragraph (line breaks kept)
    with its notice before it, rather than an inline span with the notice after it. `notice=False` keeps only the
    `lang` (imported texts in dense lists, a text repeated right after its marked first showing)."""
    if isinstance(value, Shown):
        lang = lang or value.lang
        value = value.record
    if lang and lang.split("-")[0] == (translation.get_language() or "").split("-")[0]:
        lang = ""  # a text imported with its language (Decidim's) may be in the reader's own
    # A simple tag rendering an include (not an inclusion tag) so that `{% shown_in_language … as title %}` works.
    context = {"text": value, "lang": lang, "block": block, "classes": classes, "notice": notice}
    # Without the template file's final line break, which would put a space inside “quoted titles”; the template
    # escaped every value, so its output is safe.
    return mark_safe(render_to_string("includes/original_language.html", context).strip())  # noqa: S308

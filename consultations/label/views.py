"""What LabelPage's routes show: the awards listing, a verification page, and the badge files, each award in the
page's language when it is translated, otherwise in its original language, marked as such."""

import re
from dataclasses import dataclass

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from consultations.label import badge as label_badge
from consultations.label.models import CODE_LENGTH, CODE_PATTERN, TEXT_FIELDS, LabelAward, LabelLevel
from consultations.models.consultation import ConsultationPage
from site_core.site_data import public_pages

YEAR_PATTERN = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class ShownText:
    """A text as a page shows it; `lang` is its language code when it is not the page's (an untranslated text),
    for templates' `{% in_language text lang %}`."""

    text: str
    lang: str = ""

    def __str__(self):
        return self.text


def pick_versions(rows, locale_id):
    """One award per translation key from `rows` (all of an award's rows, or those of `for_locale`): its row in
    `locale_id` if there is one, else its original, with `.original` set and its texts localised."""
    groups = {}
    for row in rows:
        groups.setdefault(row.translation_key, []).append(row)
    awards = []
    for members in groups.values():
        original = min(members, key=lambda row: row.pk)
        award = next((row for row in members if row.locale_id == locale_id), original)
        award.original = original
        localise_texts(award, locale_id)
        awards.append(award)
    return awards


def localise_texts(award, locale_id):
    """Set `shown_<field>` for each translated field: the award's own text, or the original's when the award has no
    row in this language, or when its row still holds the original's text (wagtail-localize copies the source text
    into a translation until a translator replaces it)."""
    original = award.original
    other_language = original.locale.language_code if original.locale_id != locale_id else ""
    award.original_language = other_language
    for field in TEXT_FIELDS:
        own, source = getattr(award, field), getattr(original, field)
        untranslated = other_language and source.strip() and (award is original or own in ("", source))
        setattr(award, f"shown_{field}", ShownText(source, other_language) if untranslated else ShownText(own))


def localised_levels(page, awards):
    """{level pk: the level in the page's language (or itself when untranslated)}."""
    by_key = {level.translation_key: level for level in page.levels}
    return {award.level_id: by_key.get(award.level.translation_key, award.level) for award in awards}


def localised_consultations(page, awards):
    """{consultation pk: the live consultation in the page's language, or the original one}."""
    keys = {award.consultation.translation_key for award in awards if award.consultation.locale_id != page.locale_id}
    found = {}
    if keys:
        found = {
            consultation.translation_key: consultation
            for consultation in public_pages(ConsultationPage.objects.live())
            .filter(translation_key__in=keys, locale_id=page.locale_id)
            .only("id", "title", "url_path", "translation_key", "locale_id", "path", "depth")
        }
    return {
        award.consultation_id: found.get(award.consultation.translation_key, award.consultation) for award in awards
    }


def decorate(page, request, awards):
    levels = localised_levels(page, awards)
    consultations = localised_consultations(page, awards)
    for award in awards:
        award.shown_level = levels[award.level_id]
        award.shown_consultation = consultations[award.consultation_id]
        award.verification_url = page.verification_url(request, award.code)
    return awards


def label_listing_context(page, request):
    """The awards, each once and newest first, narrowed by `?year=` and `?level=` (unknown values ignored with a
    notice)."""
    rows = LabelAward.objects.for_locale(page.locale_id).select_related("level", "consultation", "locale")
    awards = sorted(
        pick_versions(rows, page.locale_id), key=lambda award: (award.awarded_on, award.original.pk), reverse=True
    )
    notices = []
    years = sorted({award.year for award in awards}, reverse=True)
    level_options = page.levels
    raw_year = request.GET.get("year", "").strip()
    year = None
    if raw_year:
        if YEAR_PATTERN.match(raw_year) and int(raw_year) in years:
            year = int(raw_year)
        else:
            notices.append(
                _("“%(value)s” is not a year with awarded labels: filter ignored.") % {"value": raw_year[:80]}
            )
    raw_level = request.GET.get("level", "").strip()
    level = None
    if raw_level:
        level = next((option for option in level_options if option.slug == raw_level), None)
        if level is None:
            notices.append(_("“%(value)s” is not a level of the label: filter ignored.") % {"value": raw_level[:80]})
    decorate(page, request, awards)
    selected = [
        award
        for award in awards
        if (year is None or award.year == year)
        and (level is None or award.level.translation_key == level.translation_key)
    ]
    return {
        "awards": selected,
        "award_total": len(awards),
        "levels": level_options,
        "year_options": years,
        "selected_year": year,
        "selected_level": level.slug if level else "",
        "filters_active": bool(year or level),
        "notices": notices,
    }


def find_award(page, code):
    """The award with this code in the page's language, or in its original language when it has no translation in
    this one (one query: every language's row of one award)."""
    code = (code or "").strip().upper()
    if not CODE_PATTERN.match(code):
        return None
    rows = LabelAward.objects.select_related("level", "consultation", "locale").filter(code=code)
    # The code is unique per language and shared by one award's rows only, so these rows are one award.
    awards = pick_versions(rows, page.locale_id)
    return awards[0] if awards else None


def unknown_code_response(page, request, code):
    context = base_context(page, request)
    context.update(code=code[:40], code_length=CODE_LENGTH)
    return TemplateResponse(request, "consultations/label/unknown_code.html", context, status=404)


def base_context(page, request):
    """The page's context without the awards listing (the sub-routes do not show it)."""
    return super(type(page), page).get_context(request)


def verification_context(page, request, award):
    decorate(page, request, [award])
    consultation = award.shown_consultation
    report = consultation.published_report
    if report is None and consultation.pk != award.consultation_id:
        report = award.consultation.published_report
    full_url = page.full_verification_url(award.code)
    level_name = award.shown_level.name
    alt = label_badge.badge_alt(award, level_name, full_url)
    svg_url = award.verification_url + "badge.svg"
    # Plain text holding HTML: the template escapes it once more to show it; the level name and the translated
    # alt text may hold quotes, "<" or "&", which must stay text in the web page the snippet is pasted into.
    snippet = (
        f'<a href="{escape(full_url)}"><img src="{escape(full_url)}badge.svg" width="200" height="260" '
        f'alt="{escape(alt)}"></a>'
    )
    return {
        "award": award,
        "level": award.shown_level,
        "consultation": consultation,
        "report": report,
        "full_verification_url": full_url,
        "badge_svg_url": svg_url,
        "badge_png_url": award.verification_url + "badge.png",
        "badge_alt": alt,
        "badge_snippet": snippet,
    }


def verification_response(page, request, code):
    award = find_award(page, code)
    if award is None:
        return unknown_code_response(page, request, code)
    context = base_context(page, request)
    context.update(verification_context(page, request, award))
    return TemplateResponse(request, "consultations/label/verification.html", context)


def badge_bytes(page, request, award, kind):
    levels = {level.translation_key: level for level in LabelLevel.objects.filter(locale_id=page.locale_id)}
    level_name = levels.get(award.level.translation_key, award.level).name
    url = page.full_verification_url(award.code)
    if kind == "svg":
        return label_badge.badge_svg(award, level_name, url)
    return label_badge.badge_png(award, level_name, url)


def badge_response(page, request, code, kind):
    award = find_award(page, code)
    if award is None:
        return unknown_code_response(page, request, code)
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    response = HttpResponse(badge_bytes(page, request, award, kind), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="label-citoyen-{award.code}.{kind}"'
    return response

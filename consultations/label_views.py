"""What LabelPage's routes show: the awards listing, a verification page, and the badge files."""

import re

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from consultations import label_badge
from consultations.models.consultation import ConsultationPage
from consultations.models.label import CODE_LENGTH, CODE_PATTERN, LabelAward, LabelLevel
from site_core.site_data import public_pages

YEAR_PATTERN = re.compile(r"^\d{4}$")


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
    """The awards, newest first, narrowed by `?year=` and `?level=` (unknown values ignored with a notice)."""
    awards = list(LabelAward.objects.select_related("level", "consultation").order_by("-awarded_on", "-pk"))
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


def find_award(code):
    code = (code or "").strip().upper()
    if not CODE_PATTERN.match(code):
        return None
    return LabelAward.objects.select_related("level", "consultation").filter(code=code).first()


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
    full_url = page.full_verification_url(request, award.code)
    level_name = award.shown_level.name
    alt = label_badge.badge_alt(award, level_name, full_url)
    svg_url = award.verification_url + "badge.svg"
    snippet = f'<a href="{full_url}"><img src="{full_url}badge.svg" width="200" height="260" alt="{alt}"></a>'
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
    award = find_award(code)
    if award is None:
        return unknown_code_response(page, request, code)
    context = base_context(page, request)
    context.update(verification_context(page, request, award))
    return TemplateResponse(request, "consultations/label/verification.html", context)


def badge_bytes(page, request, award, kind):
    levels = {level.translation_key: level for level in LabelLevel.objects.filter(locale_id=page.locale_id)}
    level_name = levels.get(award.level.translation_key, award.level).name
    url = page.full_verification_url(request, award.code)
    if kind == "svg":
        return label_badge.badge_svg(award, level_name, url)
    return label_badge.badge_png(award, level_name, url)


def badge_response(page, request, code, kind):
    award = find_award(code)
    if award is None:
        return unknown_code_response(page, request, code)
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    response = HttpResponse(badge_bytes(page, request, award, kind), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="label-citoyen-{award.code}.{kind}"'
    return response

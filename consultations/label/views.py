"""What LabelPage's routes show: the awards listing, a verification page, and the badge files, each award in the
page's language when it is translated, otherwise in its original language, marked as such."""

import re

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from consultations import status as statuses
from consultations.label import badge as label_badge
from consultations.label.codes import CODE_LENGTH, grouped_code, normalise_code
from consultations.label.models import LabelAward
from consultations.label.models.awards import TEXT_FIELDS
from consultations.label.uploads import FIELD_NAME, size_limit
from site_core.translation import Shown, language_codes, pick_version, shown_version, shown_versions

YEAR_PATTERN = re.compile(r"^\d{4}$")


def pick_versions(rows, locale_id):
    """One award per translation key from `rows` (all of an award's rows, or those of `for_locale`): the version a
    reader of `locale_id` sees (site_core.translation), with `.original` (its first row) and its texts localised."""
    groups = {}
    for row in rows:
        groups.setdefault(row.translation_key, []).append(row)
    awards = []
    for members in groups.values():
        award = pick_version(members, locale_id).record
        award.original = min(members, key=lambda row: row.pk)
        localise_texts(award, locale_id)
        awards.append(award)
    return awards


def localise_texts(award, locale_id):
    """Set `shown_<field>` (a Shown text) for each translated field: the award's own text, marked with its language
    when the award has no row in the reader's; or the original's text, marked, when the reader's row still holds
    it or nothing (wagtail-localize copies the source text into a translation until a translator replaces it)."""
    codes = language_codes()
    original = award.original
    # The original's language also marks the shared facts written in it (the document reference).
    award.original_language = codes.get(original.locale_id, "") if original.locale_id != locale_id else ""
    own_language = codes.get(award.locale_id, "") if award.locale_id != locale_id else ""
    for field in TEXT_FIELDS:
        own, source = getattr(award, field), getattr(original, field)
        copied = award is not original and source.strip() and own in ("", source)
        shown = Shown(source, award.original_language) if copied else Shown(own, own_language)
        setattr(award, f"shown_{field}", shown)
    # Kind and number: a number reads the same in every language; a free reference (kind "other") is the original's.
    written = award.document_kind == LabelAward.OTHER and award.document_reference
    award.shown_designation = Shown(award.document_designation, award.original_language if written else "")


def decorate(page, request, awards):
    """Each award's level and consultation as the page's reader sees them (Shown), in two queries at most."""
    levels = shown_versions([award.level for award in awards], page.locale_id)
    consultations = shown_versions([award.consultation for award in awards], page.locale_id)
    for award, level, consultation in zip(awards, levels, consultations, strict=True):
        award.shown_level = level
        award.shown_consultation = consultation
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
        **code_check_context(page, request),
    }


def find_award(page, code):
    """The award with this code in the page's language, or in its original language when it has no translation in
    this one (one query: every language's row of one award)."""
    code = normalise_code(code)
    if not code:
        return None
    rows = LabelAward.objects.select_related("level", "consultation", "locale", "document").filter(code=code)
    # The code is unique per language and shared by one award's rows only, so these rows are one award.
    awards = pick_versions(rows, page.locale_id)
    return awards[0] if awards else None


def unknown_code_response(page, request, code):
    """The code-check form, with the code typed (or read in the address) kept and what is wrong with it."""
    context = base_context(page, request)
    context.update(code_check_context(page, request, code))
    return TemplateResponse(request, "consultations/label/code_check.html", context, status=404)


def code_check_context(page, request, typed=None):
    """The check-a-code form's context; `typed` (None before anything is typed) is what the visitor gave."""
    typed = None if typed is None else typed.strip()[:100]
    error = ""
    if typed == "":
        error = _("Type the code printed under the QR code of the badge.")
    elif typed is not None and not normalise_code(typed):
        error = _(
            "“%(code)s” is not a label code: a code has %(length)s characters, digits and capital letters without I, "
            "L, O or U (spaces and dashes do not count)."
        ) % {"code": typed, "length": CODE_LENGTH}
    elif typed is not None:
        error = _("No citizen label has the code “%(code)s”. Check the code printed under the QR code.") % {
            "code": grouped_code(normalise_code(typed))
        }
    return {
        "code_check_url": page.check_code_url(request),
        "typed_code": typed or "",
        "code_error": error,
        "code_length": CODE_LENGTH,
    }


def base_context(page, request):
    """The page's context without the awards listing (the sub-routes do not show it)."""
    return super(type(page), page).get_context(request)


def verification_context(page, request, award):
    decorate(page, request, [award])
    consultation = award.shown_consultation.record
    report = consultation.published_report
    if report is None and consultation.pk != award.consultation_id:
        report = award.consultation.published_report
    full_url = page.full_verification_url(award.code)
    level_name = award.shown_level.record.name
    alt = label_badge.badge_alt(award, level_name, full_url)
    svg_url = award.verification_url + "badge.svg"
    # Plain text holding HTML: the template escapes it once more to show it; the level name and the translated
    # alt text may hold quotes, "<" or "&", which must stay text in the web page the snippet is pasted into.
    # A withdrawn label offers none: its badge addresses answer 410 Gone.
    snippet = (
        ""
        if award.is_withdrawn
        else (
            f'<a href="{escape(full_url)}"><img src="{escape(full_url)}badge.svg" width="{label_badge.WIDTH}" '
            f'height="{label_badge.HEIGHT}" alt="{escape(alt)}"></a>'
        )
    )
    return {
        "printed_code": grouped_code(award.code),
        "document_link": award.document_link,
        "document_check_url": page.document_check_url(request, award.code),
        "upload_field": FIELD_NAME,
        "upload_limit": size_limit(),
        "badge_width": label_badge.WIDTH,
        "badge_height": label_badge.HEIGHT,
        "award": award,
        # The label's "report by the promised date" criterion, checked by the site's one rule (status.py).
        "timeliness": statuses.report_timeliness(
            consultation.answer_due_date,
            statuses.publication_day(report.first_published_at) if report else None,
            timezone.localdate(),
        ),
        "level": award.shown_level,
        "consultation": consultation,
        "consultation_lang": award.shown_consultation.lang,
        "report": report,
        "report_lang": shown_version(report, page.locale_id).lang if report else "",
        "full_verification_url": full_url,
        "badge_svg_url": svg_url,
        "badge_png_url": award.verification_url + "badge.png",
        "badge_alt": alt,
        "badge_snippet": snippet,
        # "Another code to check?": the same form as the label page's, to the same route (its action was empty).
        **code_check_context(page, request),
    }


def verification_response(page, request, code):
    award = find_award(page, code)
    if award is None:
        return unknown_code_response(page, request, code)
    context = base_context(page, request)
    context.update(verification_context(page, request, award))
    return TemplateResponse(request, "consultations/label/verification.html", context)


def badge_bytes(page, request, award, kind):
    level_name = shown_version(award.level, page.locale_id).record.name
    url = page.full_verification_url(award.code)
    if kind == "svg":
        return label_badge.badge_svg(award, level_name, url)
    return label_badge.badge_png(award, level_name, url)


def badge_response(page, request, code, kind):
    """The badge file. A withdrawn label's answers 410 Gone, with the badge drawn as withdrawn for the pages and
    documents that still show it (browsers show an image whatever the status), and nothing to download."""
    award = find_award(page, code)
    if award is None:
        return unknown_code_response(page, request, code)
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    response = HttpResponse(badge_bytes(page, request, award, kind), content_type=content_type)
    if award.is_withdrawn:
        response.status_code = 410
        response["Content-Disposition"] = "inline"
    else:
        response["Content-Disposition"] = f'inline; filename="label-citoyen-{award.code}.{kind}"'
    return response

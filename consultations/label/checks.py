"""The two checks a visitor makes on LabelPage: a code typed in the form (route "check_code") leads to its award's
verification page; a file sent to an award's "check_document" route is, or is not, the labelled document."""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from consultations.label.uploads import FIELD_NAME, FingerprintedUpload
from consultations.label.views import (
    base_context,
    code_check_context,
    find_award,
    unknown_code_response,
    verification_context,
)

# The answers to a file sent for checking, and their HTTP statuses.
ANSWER_STATUSES = {"match": 200, "mismatch": 200, "no_file": 400, "too_big": 413, "no_fingerprint": 404}


def code_check_response(page, request):
    """`?code=` found: to its verification page, in this page's language. Not typed yet: the form. Empty: the form
    again, saying what to type. Malformed or unknown: 404, the form with the code kept and what is wrong."""
    if "code" not in request.GET:
        context = base_context(page, request)
        context.update(code_check_context(page, request))
        return TemplateResponse(request, "consultations/label/code_check.html", context)
    typed = request.GET["code"]
    award = find_award(page, typed)
    if award is not None:
        return HttpResponseRedirect(page.verification_url(request, award.code))
    if not typed.strip():
        context = base_context(page, request)
        context.update(code_check_context(page, request, typed))
        return TemplateResponse(request, "consultations/label/code_check.html", context)
    return unknown_code_response(page, request, typed)


def uploaded_answer(award, upload):
    if not isinstance(upload, FingerprintedUpload):
        return "no_file"  # no file chosen (browsers send an empty part), or a request that is not our form's
    if upload.too_big:
        return "too_big"
    return "match" if upload.sha256 == award.document_sha256 else "mismatch"


def document_check_response(page, request, code):
    """GET: the form. POST (CSRF-checked by Django's middleware): the file's fingerprint, computed while it arrived
    (consultations/label/uploads.py), against the award's."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    award = find_award(page, code)
    if award is None:
        return unknown_code_response(page, request, code)
    context = base_context(page, request)
    context.update(verification_context(page, request, award))
    answer = None
    if not award.document_sha256:
        answer = "no_fingerprint"
    elif request.method == "POST":
        upload = request.FILES.get(FIELD_NAME)
        answer = uploaded_answer(award, upload)
        context["upload"] = upload if isinstance(upload, FingerprintedUpload) else None
    context["answer"] = answer
    status = ANSWER_STATUSES.get(answer, 200)
    response = TemplateResponse(request, "consultations/label/document_check.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response

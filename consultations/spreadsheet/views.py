"""The admin pages of the spreadsheet round trip: the consultations an editor may export and import, and for one of
them the export links, the upload, the dry run and the confirmation. Only an editor who may edit the consultation's
page (Wagtail's page permissions) reaches them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from consultations.models import ConsultationPage
from consultations.permissions import editable_originals
from consultations.spreadsheet import planning, reading, writing
from consultations.spreadsheet.models import SpreadsheetUpload

NAMESPACE = "consultations_spreadsheet"
# Changes listed on the dry run's page; a bigger file's are counted beyond it.
LISTED_CHANGES = 2000
FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", writing.xlsx_bytes),
    "csv": ("text/csv; charset=utf-8", writing.csv_bytes),
}


class UploadForm(forms.Form):
    spreadsheet = forms.FileField(
        label=gettext_lazy("Filled-in spreadsheet"),
        help_text=gettext_lazy(
            "The file the export gave (.xlsx or .csv), with the decisions, reasons and shared answers filled in. "
            "It is checked first: nothing is written before you confirm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _consultation(request, page_id):
    """The consultation (in the language its records belong to) if the user may edit it; 404 or 403 otherwise."""
    page = planning.records_page(get_object_or_404(ConsultationPage, pk=page_id))
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def index_view(request):
    consultations = editable_originals(request.user).select_related("locale")
    return TemplateResponse(request, "consultations/spreadsheet/index.html", {"consultations": consultations})


def consultation_view(request, page_id):
    page = _consultation(request, page_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"page": page, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["spreadsheet"]
        content = upload.read(settings.PACTE_SPREADSHEET_MAX_BYTES + 1)
        result = planning.plan(page, reading.read(content, upload.name))
        context.update(_shown(result), file_name=upload.name)
        if result.ok and result.has_changes:
            SpreadsheetUpload.forget_expired()
            context["token"] = SpreadsheetUpload.objects.create(
                user=request.user, consultation=page, file_name=upload.name[:255], content=content
            ).token
    return TemplateResponse(request, "consultations/spreadsheet/consultation.html", context)


def _shown(result):
    problems, more_problems = reading.listed(result.problems)
    return {
        "result": result,
        "problems": problems,
        "more_problems": more_problems,
        "changes": result.changes[:LISTED_CHANGES],
        "more_changes": max(0, len(result.changes) - LISTED_CHANGES),
    }


@require_POST
def import_view(request, page_id):
    """Apply the file the dry run checked, after checking it again against the records as they are now."""
    page = _consultation(request, page_id)
    upload = SpreadsheetUpload.waiting(request.POST.get("token", ""), request.user, page)
    here = reverse(f"{NAMESPACE}:consultation", args=[page.pk])
    if upload is None:
        messages.error(
            request,
            _("This check is no longer valid (it expired, or was made by someone else): upload the file again."),
        )
        return redirect(here)
    result = planning.plan(page, reading.read(bytes(upload.content), upload.file_name))
    problem = planning.apply(result) if result.ok else None
    if not result.ok or problem:
        if problem:
            result.problems.append(problem)
        context = {"page": page, "form": UploadForm(), "file_name": upload.file_name, **_shown(result)}
        return TemplateResponse(request, "consultations/spreadsheet/consultation.html", context)
    upload.delete()
    messages.success(
        request,
        _(
            "Imported from “{file}”. New contributions: {new}; contributions changed: {updated}; shared answers added "
            "or changed: {shared}."
        ).format(
            file=upload.file_name,
            new=len(result.new_contributions),
            updated=len(result.updated_contributions),
            shared=len(result.new_shared) + len(result.updated_shared),
        ),
    )
    return redirect(here)


def export_view(request, page_id, extension):
    page = _consultation(request, page_id)
    content_type, write = FORMATS[extension]
    response = HttpResponse(write(page), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{writing.file_name(page, extension)}"'
    return response
